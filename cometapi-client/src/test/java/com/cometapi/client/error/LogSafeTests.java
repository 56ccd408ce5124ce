package com.cometapi.client.error;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LogSafe}.
 */
class LogSafeTests {

	@Test
	void returnsASafeValueItself() {
		String value = "gpt-4o-2024-08-06 (request id: 2026ABC) é 模型";
		assertThat(LogSafe.escape(value)).isSameAs(value);
		assertThat(LogSafe.escape(null)).isNull();
	}

	@Test
	void escapesLineBreaksTabsAndControlCharacters() {
		assertThat(LogSafe.escape("a\nb\r\nc\td")).isEqualTo("a\\nb\\r\\nc\\td");
		assertThat(LogSafe.escape("\u001b[31mred\u001b[0m")).isEqualTo("\\u001b[31mred\\u001b[0m");
		assertThat(LogSafe.escape("nul\u0000del\u007fc1\u0085")).isEqualTo("nul\\u0000del\\u007fc1\\u0085");
	}

	@Test
	void escapesUnicodeLineSeparatorsAndBidirectionalOverrides() {
		assertThat(LogSafe.escape("a\u2028b\u2029c\u202ed\u2066e")).isEqualTo("a\\u2028b\\u2029c\\u202ed\\u2066e");
	}

	@Test
	void cutsLongValuesAndSaysHowMuchWasLeftOut() {
		String value = "x".repeat(LogSafe.DEFAULT_MAX_LENGTH + 10);
		assertThat(LogSafe.escape(value)).isEqualTo("x".repeat(LogSafe.DEFAULT_MAX_LENGTH) + "...(10 more chars)");
		assertThat(LogSafe.escape("ab\ncd", 3)).isEqualTo("ab\\n...(2 more chars)");
	}

	@Test
	void noCharacterOfAnyValueSurvivesAsALineBreakOrEscape() {
		StringBuilder every = new StringBuilder();
		for (char c = 0; c < 0x3000; c++) {
			every.append(c);
		}
		String safe = LogSafe.escape(every.toString(), Integer.MAX_VALUE);
		assertThat(safe.chars()).noneMatch((c) -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029);
		assertThat(safe).doesNotContain("\u202e");
	}

	@Test
	void neverCutsASurrogatePairInHalfAndEscapesFormatCharacters() {
		assertThat(LogSafe.escape("ab\uD83D\uDE00cd", 3)).isEqualTo("ab...(4 more chars)");
		assertThat(LogSafe.escape("ab\uD83D\uDE00cd", 4)).isEqualTo("ab\uD83D\uDE00...(2 more chars)");
		assertThat(LogSafe.escape("a\u200eb\u200dc")).isEqualTo("a\\u200eb\\u200dc");
	}

}
