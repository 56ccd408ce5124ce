package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

	@Test
	void neverGrantsMoreRetriesThanTheBudgetUnderConcurrentCallers() throws Exception {
		int threads = 8;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			for (int round = 0; round < 3000; round++) {
				RetryBudget shared = RetryBudget.of(0.2, 0, Duration.ofSeconds(60), this.nanos::get);
				for (int i = 0; i < 100; i++) {
					shared.recordCall();
				}
				AtomicInteger granted = new AtomicInteger();
				CyclicBarrier start = new CyclicBarrier(threads);
				List<Future<?>> done = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					done.add(pool.submit(() -> {
						start.await();
						for (int i = 0; i < 10; i++) {
							if (shared.tryAcquireRetry()) {
								granted.incrementAndGet();
							}
						}
						return null;
					}));
				}
				for (Future<?> future : done) {
					future.get(30, TimeUnit.SECONDS);
				}
				assertThat(granted).hasValue(20);
				assertThat(shared.remaining()).isZero();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void neverGrantsMoreRetriesThanTheBudgetWhileTheWindowTurnsOver() throws Exception {
		int threads = 4;
		int seconds = 400;
		AtomicLong clock = new AtomicLong(1_000_000_000_000L);
		RetryBudget shared = RetryBudget.of(0.0, 5, Duration.ofSeconds(2), clock::get);
		AtomicInteger granted = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CyclicBarrier start = new CyclicBarrier(threads);
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				boolean ticker = t == 0;
				done.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < seconds * 50; i++) {
						if (ticker && i % 50 == 49) {
							clock.addAndGet(1_000_000_000L);
						}
						shared.recordCall();
						if (shared.tryAcquireRetry()) {
							granted.incrementAndGet();
						}
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		// each second opens 5 retries: any 2-second window holds at most 10
		assertThat(granted.get()).isLessThanOrEqualTo(5 * (seconds + 2));
	}

}
