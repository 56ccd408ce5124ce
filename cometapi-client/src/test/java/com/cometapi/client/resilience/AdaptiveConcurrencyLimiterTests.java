package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import reactor.test.util.RaceTestUtils;

import com.cometapi.client.error.CometLimiterRejectedException;
import com.cometapi.client.resilience.CometLimiter.Outcome;
import com.cometapi.client.resilience.CometLimiter.Permit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AdaptiveConcurrencyLimiter}, on virtual time.
 */
class AdaptiveConcurrencyLimiterTests {

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final List<String> order = new CopyOnWriteArrayList<>();

	private final List<Permit> permits = new CopyOnWriteArrayList<>();

	private final List<Throwable> errors = new CopyOnWriteArrayList<>();

	private AdaptiveConcurrencyLimiter.Builder builder() {
		return AdaptiveConcurrencyLimiter.builder()
			.scheduler(this.time)
			.clock(() -> this.time.now(TimeUnit.NANOSECONDS));
	}

	private Disposable acquire(CometLimiter limiter, String model, String name) {
		return limiter.acquire(model).subscribe((permit) -> {
			this.order.add(name);
			this.permits.add(permit);
		}, this.errors::add);
	}

	@Test
	void grantsUpToMaxInFlightThenServesWaitersInArrivalOrder() {
		AdaptiveConcurrencyLimiter limiter = builder().maxInFlight(2).adaptive(false).build();
		for (String name : List.of("a", "b", "c", "d", "e")) {
			acquire(limiter, "m", name);
		}
		assertThat(this.order).containsExactly("a", "b");
		assertThat(limiter.snapshot("m")).extracting(LimiterSnapshot::inFlight, LimiterSnapshot::queued)
			.containsExactly(2, 3);
		this.permits.get(1).release(Outcome.SUCCESS);
		assertThat(this.order).containsExactly("a", "b", "c");
		this.permits.get(0).release(Outcome.FAILED);
		this.permits.get(2).release(Outcome.SUCCESS);
		assertThat(this.order).containsExactly("a", "b", "c", "d", "e");
		assertThat(limiter.snapshot("m").queued()).isZero();
	}

	@Test
	void rejectsAtOnceWhenTheQueueIsFullNamingTheLimit() {
		AdaptiveConcurrencyLimiter limiter = builder().maxInFlight(1).maxQueued(1).build();
		acquire(limiter, "m", "a");
		acquire(limiter, "m", "b");
		StepVerifier.create(limiter.acquire("m")).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(CometLimiterRejectedException.class);
			CometLimiterRejectedException rejected = (CometLimiterRejectedException) ex;
			assertThat(rejected.getLimit()).isEqualTo("cometapi.concurrency.max-queued");
			assertThat(rejected.getLimitValue()).isEqualTo("1");
			assertThat(rejected.getModel()).isEqualTo("m");
		}).verify(Duration.ofSeconds(1));
		assertThat(limiter.snapshot("m").queued()).isEqualTo(1);
	}

	@Test
	void rejectsAWaiterAfterTheQueueTimeoutNamingTheLimit() {
		AdaptiveConcurrencyLimiter limiter = builder().maxInFlight(1).queueTimeout(Duration.ofSeconds(5)).build();
		acquire(limiter, "m", "a");
		acquire(limiter, "m", "b");
		this.time.advanceTimeBy(Duration.ofMillis(4999));
		assertThat(this.errors).isEmpty();
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(this.errors).singleElement().isInstanceOfSatisfying(CometLimiterRejectedException.class, (ex) -> {
			assertThat(ex.getLimit()).isEqualTo("cometapi.concurrency.queue-timeout");
			assertThat(ex.getLimitValue()).isEqualTo("5s");
		});
		assertThat(limiter.snapshot("m").queued()).isZero();
		this.permits.get(0).release(Outcome.SUCCESS);
		assertThat(this.order).containsExactly("a");
		assertThat(limiter.snapshot("m").inFlight()).isZero();
	}

	@Test
	void cancellingAWaiterRemovesItFromTheQueue() {
		AdaptiveConcurrencyLimiter limiter = builder().maxInFlight(1).build();
		acquire(limiter, "m", "a");
		Disposable waiting = acquire(limiter, "m", "b");
		acquire(limiter, "m", "c");
		waiting.dispose();
		assertThat(limiter.snapshot("m").queued()).isEqualTo(1);
		this.permits.get(0).release(Outcome.CANCELLED);
		assertThat(this.order).containsExactly("a", "c");
		this.permits.get(1).release(Outcome.SUCCESS);
		assertThat(limiter.snapshot("m")).extracting(LimiterSnapshot::inFlight, LimiterSnapshot::queued)
			.containsExactly(0, 0);
		this.time.advanceTimeBy(Duration.ofMinutes(1));
		assertThat(this.errors).isEmpty();
	}

	@Test
	void releaseCountsOnlyOnce() {
		AdaptiveConcurrencyLimiter limiter = builder().maxInFlight(2).build();
		acquire(limiter, "m", "a");
		acquire(limiter, "m", "b");
		this.permits.get(0).release(Outcome.SUCCESS);
		this.permits.get(0).release(Outcome.SUCCESS);
		this.permits.get(0).release(Outcome.FAILED);
		assertThat(limiter.snapshot("m").inFlight()).isEqualTo(1);
	}

	@Test
	void cancellingAfterTheGrantKeepsThePermitWithTheCaller() {
		AdaptiveConcurrencyLimiter limiter = builder().maxInFlight(1).build();
		Disposable granted = acquire(limiter, "m", "a");
		granted.dispose();
		assertThat(limiter.snapshot("m").inFlight()).isEqualTo(1);
		this.permits.get(0).release(Outcome.CANCELLED);
		assertThat(limiter.snapshot("m").inFlight()).isZero();
	}

	@Test
	void aGrantRacingACancelNeverLeaksAPermit() {
		AdaptiveConcurrencyLimiter limiter = AdaptiveConcurrencyLimiter.builder().maxInFlight(1).build();
		for (int i = 0; i < 2_000; i++) {
			Permit holder = limiter.acquire("m").block();
			Disposable waiter = Mono
				.usingWhen(limiter.acquire("m"), (permit) -> Mono.never(), (permit) -> release(permit, Outcome.SUCCESS),
						(permit, ex) -> release(permit, Outcome.FAILED), (permit) -> release(permit, Outcome.CANCELLED))
				.subscribe();
			RaceTestUtils.race(() -> holder.release(Outcome.SUCCESS), waiter::dispose);
			assertThat(limiter.snapshot("m")).extracting(LimiterSnapshot::inFlight, LimiterSnapshot::queued)
				.containsExactly(0, 0);
		}
	}

	private static Mono<Void> release(Permit permit, Outcome outcome) {
		permit.release(outcome);
		return Mono.empty();
	}

	@Test
	void aBurstOf429sCutsTheLimitOnceAndPacesTheModel() {
		AdaptiveConcurrencyLimiter limiter = builder().maxInFlight(10).minInFlight(2).build();
		List<Permit> burst = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			burst.add(limiter.acquire("m").block());
		}
		burst.forEach((permit) -> permit.release(Outcome.RATE_LIMITED));
		assertThat(limiter.snapshot("m")).extracting(LimiterSnapshot::limit, LimiterSnapshot::requestsPerSecond)
			.containsExactly(9, AdaptiveLimit.MIN_RATE);
	}

	@Test
	void successesWhileHalfTheLimitIsInUseRaiseItByOneEach() {
		AdaptiveConcurrencyLimiter limiter = builder().build();
		for (int i = 0; i < 32; i++) {
			acquire(limiter, "m", "c" + i);
		}
		assertThat(limiter.snapshot("m").limit()).isEqualTo(32);
		this.permits.forEach((permit) -> permit.release(Outcome.SUCCESS));
		// the i-th release (from 0) finds 32 - i in flight: it raises the limit while
		// 2 * (32 - i) >= 32 + i, i.e. for i = 0..10
		assertThat(limiter.snapshot("m")).extracting(LimiterSnapshot::limit, LimiterSnapshot::inFlight)
			.containsExactly(43, 0);
	}

	@Test
	void waitingDemandDoublesTheLimitAtMostOncePerRampPeriod() {
		AdaptiveConcurrencyLimiter limiter = builder().build();
		for (int i = 0; i < 100; i++) {
			acquire(limiter, "m", "c" + i);
		}
		assertThat(limiter.snapshot("m"))
			.extracting(LimiterSnapshot::inFlight, LimiterSnapshot::queued, LimiterSnapshot::limit)
			.containsExactly(32, 68, 32);
		this.time.advanceTimeBy(Duration.ofNanos(AdaptiveLimit.RAMP_NANOS - 1));
		assertThat(limiter.snapshot("m").inFlight()).isEqualTo(32);
		this.time.advanceTimeBy(Duration.ofNanos(1));
		assertThat(limiter.snapshot("m"))
			.extracting(LimiterSnapshot::inFlight, LimiterSnapshot::queued, LimiterSnapshot::limit)
			.containsExactly(64, 36, 64);
		this.time.advanceTimeBy(Duration.ofNanos(AdaptiveLimit.RAMP_NANOS));
		assertThat(limiter.snapshot("m"))
			.extracting(LimiterSnapshot::inFlight, LimiterSnapshot::queued, LimiterSnapshot::limit)
			.containsExactly(100, 0, 128);
		assertThat(this.errors).isEmpty();
	}

	@Test
	void aThousandWaitingCallsAllRunWithinAQuarterSecondOfVirtualTime() {
		AdaptiveConcurrencyLimiter limiter = builder().build();
		for (int i = 0; i < 1000; i++) {
			acquire(limiter, "m", "c" + i);
		}
		this.time.advanceTimeBy(Duration.ofMillis(250));
		assertThat(limiter.snapshot("m"))
			.extracting(LimiterSnapshot::inFlight, LimiterSnapshot::queued, LimiterSnapshot::limit)
			.containsExactly(1000, 0, 1000);
		assertThat(this.errors).isEmpty();
	}

	@Test
	void explicitMaxInFlightHoldsExactlyWhileDemandWaits() {
		AdaptiveConcurrencyLimiter limiter = builder().maxInFlight(50).build();
		for (int i = 0; i < 200; i++) {
			acquire(limiter, "m", "c" + i);
		}
		this.time.advanceTimeBy(Duration.ofMinutes(1));
		assertThat(limiter.snapshot("m"))
			.extracting(LimiterSnapshot::inFlight, LimiterSnapshot::queued, LimiterSnapshot::limit)
			.containsExactly(50, 150, 50);
		this.permits.forEach((permit) -> permit.release(Outcome.SUCCESS));
		assertThat(limiter.snapshot("m").inFlight()).isEqualTo(50);
	}

	@Test
	void anExplicitLimitHoldsAndEveryPermitComesBackUnderRealThreads() throws Exception {
		AdaptiveConcurrencyLimiter limiter = AdaptiveConcurrencyLimiter.builder().maxInFlight(8).build();
		AtomicInteger held = new AtomicInteger();
		AtomicInteger peak = new AtomicInteger();
		Outcome[] outcomes = { Outcome.SUCCESS, Outcome.SUCCESS, Outcome.FAILED, Outcome.CANCELLED };
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 16; t++) {
				int seed = t;
				done.add(pool.submit(() -> {
					for (int i = 0; i < 1_000; i++) {
						Permit permit = limiter.acquire("m").block(Duration.ofSeconds(30));
						peak.accumulateAndGet(held.incrementAndGet(), Math::max);
						held.decrementAndGet();
						permit.release(outcomes[(seed + i) % outcomes.length]);
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(peak.get()).isBetween(1, 8);
		assertThat(limiter.snapshot("m"))
			.extracting(LimiterSnapshot::inFlight, LimiterSnapshot::queued, LimiterSnapshot::limit)
			.containsExactly(0, 0, 8);
	}

	@Test
	void repeated429sCutTheLimitDownToTheFloorOnly() {
		AdaptiveConcurrencyLimiter limiter = builder().maxInFlight(10).minInFlight(2).build();
		for (int i = 0; i < 30; i++) {
			limiter.acquire("m").block().release(Outcome.RATE_LIMITED);
			this.time.advanceTimeBy(Duration.ofNanos(AdaptiveLimit.RATE_EXPIRY_NANOS + 1));
		}
		assertThat(limiter.snapshot("m").limit()).isEqualTo(2);
	}

	@Test
	void a429OfAPacedModelCutsThePaceAndLeavesTheInFlightLimit() {
		AdaptiveConcurrencyLimiter limiter = builder().maxInFlight(10).build();
		limiter.acquire("m").block().release(Outcome.RATE_LIMITED);
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		for (int i = 0; i < 5; i++) {
			acquire(limiter, "m", "c" + i);
			this.time.advanceTimeBy(Duration.ofSeconds(1));
		}
		this.permits.forEach((permit) -> permit.release(Outcome.RATE_LIMITED));
		assertThat(limiter.snapshot("m").limit()).isEqualTo(9);
	}

	@Test
	void aFixedLimiterKeepsItsLimitOn429s() {
		AdaptiveConcurrencyLimiter limiter = builder().maxInFlight(10).adaptive(false).build();
		for (int i = 0; i < 20; i++) {
			limiter.acquire("m").block().release(Outcome.RATE_LIMITED);
		}
		assertThat(limiter.snapshot("m")).extracting(LimiterSnapshot::limit, LimiterSnapshot::requestsPerSecond)
			.containsExactly(10, 0.0);
	}

	@Test
	void a429PacesRequestsBelowTheRateTheServerAccepted() {
		AdaptiveConcurrencyLimiter limiter = builder().maxInFlight(10).build();
		for (int i = 0; i < 60; i++) {
			limiter.acquire("m").block().release(Outcome.SUCCESS);
			this.time.advanceTimeBy(Duration.ofMillis(20));
		}
		limiter.acquire("m").block().release(Outcome.RATE_LIMITED);
		assertThat(limiter.snapshot("m").requestsPerSecond()).isBetween(0.95 * 45, 0.95 * 51);
	}

	@Test
	void aLearntPaceSendsEvenlyWithoutABurst() {
		AdaptiveConcurrencyLimiter limiter = builder().build();
		for (int i = 0; i < 100; i++) {
			limiter.acquire("m").block().release(Outcome.SUCCESS);
			this.time.advanceTimeBy(Duration.ofMillis(10));
		}
		limiter.acquire("m").block().release(Outcome.RATE_LIMITED);
		double pace = limiter.snapshot("m").requestsPerSecond();
		assertThat(pace).isBetween(0.95 * 90, 0.95 * 101);
		this.time.advanceTimeBy(Duration.ofSeconds(2));
		for (int i = 0; i < 20; i++) {
			acquire(limiter, "m", "c" + i);
		}
		// two idle seconds would fill a bucket of a tenth of a second (9 tokens); the
		// pace holds one
		assertThat(this.order).hasSize(1);
	}

	@Test
	void theTokenBucketPacesRequestsOnTheScheduler() {
		AdaptiveConcurrencyLimiter limiter = builder().requestsPerSecond(10).build();
		for (String name : List.of("a", "b", "c")) {
			limiter.acquire("m").subscribe((permit) -> {
				this.order.add(name);
				permit.release(Outcome.SUCCESS);
			});
		}
		assertThat(this.order).containsExactly("a");
		assertThat(limiter.snapshot("m").queued()).isEqualTo(2);
		this.time.advanceTimeBy(Duration.ofMillis(99));
		assertThat(this.order).containsExactly("a");
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(this.order).containsExactly("a", "b");
		this.time.advanceTimeBy(Duration.ofMillis(100));
		assertThat(this.order).containsExactly("a", "b", "c");
	}

	@Test
	void aCallWaitingForATokenCountsAgainstTheQueueAndItsTimeout() {
		AdaptiveConcurrencyLimiter limiter = builder().requestsPerSecond(1)
			.maxQueued(1)
			.queueTimeout(Duration.ofMillis(500))
			.build();
		acquire(limiter, "m", "a");
		acquire(limiter, "m", "b");
		acquire(limiter, "m", "c");
		assertThat(this.errors).singleElement()
			.isInstanceOfSatisfying(CometLimiterRejectedException.class,
					(ex) -> assertThat(ex.getLimit()).isEqualTo("cometapi.concurrency.max-queued"));
		this.time.advanceTimeBy(Duration.ofMillis(500));
		assertThat(this.errors).hasSize(2).last().isInstanceOfSatisfying(CometLimiterRejectedException.class, (ex) -> {
			assertThat(ex.getLimit()).isEqualTo("cometapi.concurrency.queue-timeout");
			assertThat(ex.getLimitValue()).isEqualTo("500ms");
		});
		this.time.advanceTimeBy(Duration.ofSeconds(2));
		assertThat(this.order).containsExactly("a");
	}

	@Test
	void modelsHaveIndependentLimitsAndState() {
		AdaptiveConcurrencyLimiter limiter = builder().maxInFlight(1).model("big", new ModelLimits(3, 5, null)).build();
		acquire(limiter, "slow", "slow-1");
		acquire(limiter, "slow", "slow-2");
		limiter.acquire("limited").block().release(Outcome.RATE_LIMITED);
		acquire(limiter, "big", "big-1");
		acquire(limiter, "big", "big-2");
		acquire(limiter, "big", "big-3");
		assertThat(this.order).containsExactly("slow-1", "big-1", "big-2", "big-3");
		assertThat(limiter.snapshot("big")).extracting(LimiterSnapshot::limit, LimiterSnapshot::maxInFlight)
			.containsExactly(3, 3);
		assertThat(limiter.snapshot("slow").queued()).isEqualTo(1);
		assertThat(limiter.snapshots()).extracting(LimiterSnapshot::model)
			.containsExactlyInAnyOrder("slow", "limited", "big");
	}

	@Test
	void aModelOverrideOfTheQueueIsNamedInTheRejection() {
		AdaptiveConcurrencyLimiter limiter = builder().maxInFlight(1)
			.model("gpt-4o", new ModelLimits(null, 0, null))
			.build();
		acquire(limiter, "gpt-4o", "a");
		acquire(limiter, "gpt-4o", "b");
		assertThat(this.errors).singleElement().isInstanceOfSatisfying(CometLimiterRejectedException.class, (ex) -> {
			assertThat(ex.getLimit()).isEqualTo("cometapi.concurrency.models.gpt-4o.max-queued");
			assertThat(ex.getLimitValue()).isEqualTo("0");
		});
	}

	@Test
	void aResetWhileCallsAreInFlightKeepsTheLimitAndTheirPermits() {
		AdaptiveConcurrencyLimiter limiter = builder().maxInFlight(2).adaptive(false).build();
		Permit first = limiter.acquire("m").block(Duration.ofSeconds(5));
		Permit second = limiter.acquire("m").block(Duration.ofSeconds(5));
		limiter.reset();
		acquire(limiter, "m", "after-reset");
		assertThat(this.order).isEmpty();
		assertThat(limiter.snapshot("m").inFlight()).isEqualTo(2);
		first.release(Outcome.SUCCESS);
		assertThat(this.order).containsExactly("after-reset");
		second.release(Outcome.SUCCESS);
		this.permits.forEach((permit) -> permit.release(Outcome.SUCCESS));
		assertThat(limiter.snapshot("m").inFlight()).isZero();
	}

}
