package com.cometapi.client.error;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableTextTests {

	@Test
	void escapesControlAndLineSeparatorCharacters() {
		assertThat(PrintableText.of("a\r\nb\u001b[2J\u2028c\u200ed", 100))
			.isEqualTo("a\\u000d\\u000ab\\u001b[2J\\u2028c\\u200ed");
	}

	@Test
	void cutsLongTextWithoutSplittingASurrogatePair() {
		assertThat(PrintableText.of("x".repeat(10_000), 5)).isEqualTo("xxxxx…");
		assertThat(PrintableText.of("ab\uD83D\uDE00cd", 3)).isEqualTo("ab…");
		assertThat(PrintableText.of("ab\uD83D\uDE00cd", 4)).isEqualTo("ab\uD83D\uDE00…");
		assertThat(PrintableText.of(null, 5)).isEqualTo("null");
	}

}
