package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import com.cometapi.client.resilience.CometLimiter.Outcome;
import com.cometapi.client.resilience.CometLimiter.Permit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Explicit {@code requests-per-second} and {@code max-in-flight} hold exactly when real
 * threads race for permits: the rate in every sliding second (on a virtual clock, so no
 * sleeps), the in-flight count under grants racing cancels.
 */
class ExplicitLimitsTests {

	@Test
	void aConfiguredRateHoldsInEverySlidingSecondUnderRealThreads() throws Exception {
		int rate = 40;
		int threads = 8;
		int perThread = 30;
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		AdaptiveConcurrencyLimiter limiter = AdaptiveConcurrencyLimiter.builder()
			.scheduler(time)
			.clock(() -> time.now(TimeUnit.NANOSECONDS))
			.requestsPerSecond(rate)
			.build();
		// callers hold the read lock while they ask for and give back permits, the clock
		// moves under the write lock: a permit is stamped at the instant it was granted
		ReentrantReadWriteLock clockLock = new ReentrantReadWriteLock(true);
		ConcurrentLinkedQueue<Long> sends = new ConcurrentLinkedQueue<>();
		AtomicInteger done = new AtomicInteger();
		AtomicInteger waiting = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				futures.add(pool.submit(() -> {
					Semaphore granted = new Semaphore(0);
					for (int i = 0; i < perThread; i++) {
						clockLock.readLock().lock();
						try {
							waiting.incrementAndGet();
							limiter.acquire("m").subscribe((permit) -> {
								sends.add(time.now(TimeUnit.NANOSECONDS));
								waiting.decrementAndGet();
								permit.release(Outcome.SUCCESS);
								granted.release();
							});
						}
						finally {
							clockLock.readLock().unlock();
						}
						assertThat(granted.tryAcquire(60, TimeUnit.SECONDS)).isTrue();
					}
					done.incrementAndGet();
					return null;
				}));
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (done.get() < threads && System.nanoTime() < deadline) {
				if (waiting.get() + done.get() < threads) {
					// time moves only while every caller waits: demand never lags the
					// clock
					Thread.yield();
					continue;
				}
				clockLock.writeLock().lock();
				try {
					time.advanceTimeBy(Duration.ofMillis(1));
				}
				finally {
					clockLock.writeLock().unlock();
				}
			}
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
			time.dispose();
		}
		long[] stamps = sends.stream().mapToLong(Long::longValue).sorted().toArray();
		assertThat(stamps).hasSize(threads * perThread);
		int busiest = 0;
		for (int first = 0, last = 0; first < stamps.length; first++) {
			while (last < stamps.length && stamps[last] - stamps[first] < SendWindow.SECOND_NANOS) {
				last++;
			}
			busiest = Math.max(busiest, last - first);
		}
		assertThat(busiest).isEqualTo(rate);
		// and the rate is used: 240 sends at 40 per second take at most about 6 s
		assertThat(stamps[stamps.length - 1] - stamps[0]).isLessThan(TimeUnit.MILLISECONDS.toNanos(6_100));
	}

	@Test
	void maxInFlightHoldsExactlyWhileGrantsRaceCancelsOnRealThreads() throws Exception {
		int max = 4;
		int threads = 16;
		AdaptiveConcurrencyLimiter limiter = AdaptiveConcurrencyLimiter.builder().maxInFlight(max).build();
		AtomicInteger held = new AtomicInteger();
		AtomicInteger peak = new AtomicInteger();
		AtomicInteger delivered = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				futures.add(pool.submit(() -> {
					ThreadLocalRandom random = ThreadLocalRandom.current();
					for (int i = 0; i < 2_000; i++) {
						// consumed like the executor does: a cancel after the grant
						// reaches the
						// permit through the inner Mono
						Disposable call = limiter.acquire("m").flatMap((permit) -> {
							peak.accumulateAndGet(held.incrementAndGet(), Math::max);
							delivered.incrementAndGet();
							held.decrementAndGet();
							return Mono.fromRunnable(() -> permit.release(Outcome.SUCCESS))
								.doOnCancel(() -> permit.release(Outcome.CANCELLED));
						}).subscribe();
						if (random.nextInt(3) == 0) {
							// races the grant: either the waiter leaves or its permit
							// comes back
							call.dispose();
						}
					}
					return null;
				}));
			}
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		// calls still waiting when their thread finished are served by later releases
		// and hand their permits back at once
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(limiter.snapshot("m")).as(limiter.snapshot("m").toString())
				.extracting(LimiterSnapshot::inFlight, LimiterSnapshot::queued)
				.containsExactly(0, 0));
		assertThat(peak.get()).isBetween(1, max);
		assertThat(delivered.get()).isPositive();
		assertThat(limiter.snapshot("m").limit()).isLessThanOrEqualTo(max);
	}

	@Test
	void callersThatFinishAtOnceDrainALongQueueWithoutRecursing() {
		AdaptiveConcurrencyLimiter limiter = AdaptiveConcurrencyLimiter.builder()
			.maxInFlight(1)
			.adaptive(false)
			.build();
		Permit holder = limiter.acquire("m").block();
		AtomicInteger served = new AtomicInteger();
		for (int i = 0; i < 10_000; i++) {
			limiter.acquire("m").flatMap((permit) -> {
				served.incrementAndGet();
				return Mono.fromRunnable(() -> permit.release(Outcome.SUCCESS));
			}).subscribe();
		}
		holder.release(Outcome.SUCCESS);
		assertThat(served.get()).isEqualTo(10_000);
		assertThat(limiter.snapshot("m")).extracting(LimiterSnapshot::inFlight, LimiterSnapshot::queued)
			.containsExactly(0, 0);
	}

}
