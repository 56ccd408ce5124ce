package com.cometapi.client.error;

/**
 * Makes a value that came from a request or from the server safe to put in a log line or
 * an exception message: CR, LF and tab become {@code \r}, {@code \n} and {@code \t};
 * other control characters (ANSI escape included), Unicode line separators and format
 * characters (bidirectional overrides, zero-width joiners) become {@code \}{@code uXXXX};
 * a value longer than the limit is cut, never inside a surrogate pair, and says how much
 * was left out. A value can then neither start a forged log line nor recolour or reorder
 * a terminal.
 *
 * @author CometAPI team
 */
public final class LogSafe {

	/**
	 * Characters kept of a value by {@link #escape(String)}.
	 */
	public static final int DEFAULT_MAX_LENGTH = 1024;

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private LogSafe() {
	}

	/**
	 * Escape a value and cut it to {@value #DEFAULT_MAX_LENGTH} characters.
	 * @param value the value, possibly {@code null}
	 * @return the safe value; the value itself when nothing needed escaping, and
	 * {@code null} for {@code null}
	 */
	public static String escape(String value) {
		return escape(value, DEFAULT_MAX_LENGTH);
	}

	/**
	 * Escape a value and cut it to the given length.
	 * @param value the value, possibly {@code null}
	 * @param maxLength the characters of the value kept, before escaping
	 * @return the safe value; the value itself when nothing needed escaping, and
	 * {@code null} for {@code null}
	 */
	public static String escape(String value, int maxLength) {
		if (value == null) {
			return null;
		}
		int length = Math.min(value.length(), maxLength);
		if (length > 0 && length < value.length() && Character.isHighSurrogate(value.charAt(length - 1))) {
			length--;
		}
		int first = firstUnsafe(value, length);
		if (first == length && length == value.length()) {
			return value;
		}
		StringBuilder safe = new StringBuilder(length + 16);
		safe.append(value, 0, first);
		for (int i = first; i < length; i++) {
			char c = value.charAt(i);
			if (!isUnsafe(c)) {
				safe.append(c);
			}
			else if (c == '\n') {
				safe.append("\\n");
			}
			else if (c == '\r') {
				safe.append("\\r");
			}
			else if (c == '\t') {
				safe.append("\\t");
			}
			else {
				safe.append("\\u")
					.append(HEX[c >> 12])
					.append(HEX[(c >> 8) & 0xF])
					.append(HEX[(c >> 4) & 0xF])
					.append(HEX[c & 0xF]);
			}
		}
		if (length < value.length()) {
			safe.append("...(").append(value.length() - length).append(" more chars)");
		}
		return safe.toString();
	}

	private static int firstUnsafe(String value, int length) {
		for (int i = 0; i < length; i++) {
			if (isUnsafe(value.charAt(i))) {
				return i;
			}
		}
		return length;
	}

	private static boolean isUnsafe(char c) {
		return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || Character.getType(c) == Character.FORMAT;
	}

}
