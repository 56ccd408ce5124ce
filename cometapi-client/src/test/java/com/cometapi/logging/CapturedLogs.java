package com.cometapi.logging;

/**
 * The log lines written while a test ran, formatted as a console would show them, with
 * the stack traces of logged exceptions. A {@link CharSequence}, so AssertJ's string
 * assertions apply.
 *
 * @see LogCaptureExtension
 */
public final class CapturedLogs implements CharSequence {

	private final StringBuffer lines = new StringBuffer();

	void append(String line) {
		this.lines.append(line);
	}

	void clear() {
		this.lines.setLength(0);
	}

	/**
	 * Return every line captured so far.
	 * @return the captured lines
	 */
	public String getAll() {
		return this.lines.toString();
	}

	@Override
	public int length() {
		return this.lines.length();
	}

	@Override
	public char charAt(int index) {
		return this.lines.charAt(index);
	}

	@Override
	public CharSequence subSequence(int start, int end) {
		return this.lines.subSequence(start, end);
	}

	@Override
	public String toString() {
		return getAll();
	}

}
