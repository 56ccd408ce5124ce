package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryBudget}.
 */
class RetryBudgetTests {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

	private final RetryBudget budget = RetryBudget.of(0.2, 0, Duration.ofSeconds(10), this.nanos::get);

	@Test
	void allowsRetriesUpToTheRatioOfCalls() {
		for (int i = 0; i < 50; i++) {
			this.budget.recordCall();
		}
		int granted = 0;
		while (this.budget.tryAcquireRetry()) {
			granted++;
		}
		assertThat(granted).isEqualTo(10);
		assertThat(this.budget.remaining()).isZero();
	}

	@Test
	void refillsAsTheWindowSlides() {
		for (int i = 0; i < 10; i++) {
			this.budget.recordCall();
		}
		assertThat(this.budget.tryAcquireRetry()).isTrue();
		assertThat(this.budget.tryAcquireRetry()).isTrue();
		assertThat(this.budget.tryAcquireRetry()).isFalse();
		this.nanos.addAndGet(Duration.ofSeconds(11).toNanos());
		assertThat(this.budget.tryAcquireRetry()).isFalse();
		for (int i = 0; i < 5; i++) {
			this.budget.recordCall();
		}
		assertThat(this.budget.tryAcquireRetry()).isTrue();
	}

	@Test
	void keepsAFloorForQuietApplications() {
		RetryBudget floor = RetryBudget.of(0.2, 1, Duration.ofSeconds(10), this.nanos::get);
		int granted = 0;
		while (floor.tryAcquireRetry()) {
			granted++;
		}
		assertThat(granted).isEqualTo(10);
	}

	@Test
	void unlimitedNeverRefuses() {
		for (int i = 0; i < 1000; i++) {
			assertThat(RetryBudget.unlimited().tryAcquireRetry()).isTrue();
		}
	}

}
