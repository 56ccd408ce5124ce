package com.cometapi.client.resilience;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SendWindow}.
 */
class SendWindowTests {

	@Test
	void allowsTheRateInAnySecondAndNoMore() {
		SendWindow window = new SendWindow(3);
		for (int i = 0; i < 3; i++) {
			assertThat(window.hasRoom(i)).isTrue();
			window.record(i);
		}
		assertThat(window.hasRoom(999_999_999L)).isFalse();
		assertThat(window.nanosUntilRoom(999_999_999L)).isEqualTo(1);
		assertThat(window.hasRoom(1_000_000_000L)).isTrue();
	}

	@Test
	void aFractionalRateRoundsDownButAllowsAtLeastOne() {
		assertThat(new SendWindow(2.9).max()).isEqualTo(2);
		assertThat(new SendWindow(0.2).max()).isEqualTo(1);
	}

	@Test
	void aHighRateAllocatesOnlyForTheSendsMade() {
		SendWindow window = new SendWindow(100_000);
		assertThat(window.capacity()).isEqualTo(SendWindow.MIN_CAPACITY);
		for (int i = 0; i < 100_000; i++) {
			assertThat(window.hasRoom(i)).isTrue();
			window.record(i);
		}
		assertThat(window.hasRoom(100_000)).isFalse();
		assertThat(window.capacity()).isEqualTo(100_000);
		// a quiet second later the log shrinks back, a few sends at a time
		long later = 2 * SendWindow.SECOND_NANOS;
		for (int i = 0; i < 20; i++) {
			assertThat(window.hasRoom(later + i)).isTrue();
		}
		assertThat(window.capacity()).isEqualTo(SendWindow.MIN_CAPACITY);
	}

}
