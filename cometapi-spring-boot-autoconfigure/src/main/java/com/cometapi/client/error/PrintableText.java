package com.cometapi.client.error;

/**
 * Makes a string that came from outside (a catalog, a response, a caller) safe to put in
 * a log line or an exception message: control and line-separator characters are escaped
 * as Java-style unicode escapes (a backslash, u and four hex digits), and the text is cut
 * to a length.
 *
 * @author CometAPI team
 */
public final class PrintableText {

	private PrintableText() {
	}

	/**
	 * Return the text escaped and cut to at most {@code maxChars} characters of the
	 * original, followed by {@code …} when it was cut.
	 * @param text the text, possibly {@code null}
	 * @param maxChars the most characters of the original to keep
	 * @return the printable text, or {@code "null"}
	 */
	public static String of(String text, int maxChars) {
		if (text == null) {
			return "null";
		}
		int length = Math.min(text.length(), maxChars);
		if (length > 0 && length < text.length() && Character.isHighSurrogate(text.charAt(length - 1))) {
			length--;
		}
		StringBuilder printable = new StringBuilder(length + 8);
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
					|| Character.getType(c) == Character.FORMAT) {
				printable.append(String.format("\\u%04x", (int) c));
			}
			else {
				printable.append(c);
			}
		}
		if (length < text.length()) {
			printable.append('…');
		}
		return printable.toString();
	}

}
