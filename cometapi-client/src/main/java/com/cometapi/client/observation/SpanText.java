package com.cometapi.client.observation;

import java.util.List;
import java.util.StringJoiner;

import com.cometapi.client.error.LogSafe;

/**
 * Bounds the text a span attribute takes from a request or an answer: a value is cut to a
 * length, never inside a surrogate pair, and a list to a number of values.
 *
 * @author CometAPI team
 */
final class SpanText {

	private SpanText() {
	}

	/**
	 * Cut a value to the given length.
	 * @param value the value
	 * @param maxLength the characters kept
	 * @return the value, cut
	 */
	static String cut(String value, int maxLength) {
		if (value.length() <= maxLength) {
			return value;
		}
		int length = maxLength;
		if (Character.isHighSurrogate(value.charAt(length - 1))) {
			length--;
		}
		return value.substring(0, length);
	}

	/**
	 * Join the first values, each cut, with commas.
	 * @param values the values, none {@code null}
	 * @param maxValues the values kept
	 * @param maxLength the characters kept of each value
	 * @return the joined values
	 */
	static String joined(List<String> values, int maxValues, int maxLength) {
		StringJoiner joined = new StringJoiner(",");
		for (int i = 0; i < Math.min(values.size(), maxValues); i++) {
			joined.add(cut(values.get(i), maxLength));
		}
		return joined.toString();
	}

	/**
	 * Render the first values, each cut, as a JSON array of strings, with quotes,
	 * backslashes and control characters escaped.
	 * @param values the values; {@code null} elements are left out
	 * @param maxValues the values kept
	 * @param maxLength the characters kept of each value
	 * @return the array, such as {@code ["\n", "END"]}
	 */
	static String jsonArray(List<String> values, int maxValues, int maxLength) {
		StringJoiner array = new StringJoiner(", ", "[", "]");
		int kept = 0;
		for (String value : values) {
			if (kept == maxValues) {
				break;
			}
			if (value != null) {
				String quoted = cut(value, maxLength).replace("\\", "\\\\").replace("\"", "\\\"");
				array.add('"' + LogSafe.escape(quoted, Integer.MAX_VALUE) + '"');
				kept++;
			}
		}
		return array.toString();
	}

}
