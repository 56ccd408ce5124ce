package com.cometapi.client.resilience;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link AdaptiveLimit}: numbers in, numbers out.
 */
class AdaptiveLimitTests {

	private static final long MS = 1_000_000L;

	@Test
	void startsAtTheInitialLimitOrTheMaximumWhenLower() {
		assertThat(new AdaptiveLimit(true, 1000, 1).current()).isEqualTo(AdaptiveLimit.INITIAL);
		assertThat(new AdaptiveLimit(true, 16, 1).current()).isEqualTo(16);
		assertThat(new AdaptiveLimit(false, 1000, 1).current()).isEqualTo(1000);
	}

	@Test
	void doublesWhileDemandWaitsAtMostOncePerRampPeriodUpToTheMaximum() {
		AdaptiveLimit limit = new AdaptiveLimit(true, 1000, 1);
		long now = 1_000 * MS;
		assertThat(limit.nanosUntilRamp(now)).isZero();
		assertThat(limit.ramp(now)).isTrue();
		assertThat(limit.current()).isEqualTo(32);
		assertThat(limit.ramp(now + 30 * MS)).isFalse();
		assertThat(limit.nanosUntilRamp(now + 30 * MS)).isEqualTo(20 * MS);
		assertThat(limit.current()).isEqualTo(32);
		for (int i = 1; i <= 10; i++) {
			limit.ramp(now + i * 50 * MS);
		}
		assertThat(limit.current()).isEqualTo(1000);
		assertThat(limit.nanosUntilRamp(now + 2_000 * MS)).isEqualTo(-1);
	}

	@Test
	void aSuccessRaisesTheLimitByOneOnlyWhileHalfOfItIsInUse() {
		AdaptiveLimit limit = new AdaptiveLimit(true, 1000, 1);
		limit.onSuccess(7, MS);
		assertThat(limit.current()).isEqualTo(16);
		limit.onSuccess(8, 2 * MS);
		assertThat(limit.current()).isEqualTo(17);
		for (int i = 0; i < 2000; i++) {
			limit.onSuccess(limit.current(), (3 + i) * MS);
		}
		assertThat(limit.current()).isEqualTo(1000);
	}

	@Test
	void theFirst429CutsTheLimitOncePerBurstAndStopsTheRamp() {
		AdaptiveLimit limit = new AdaptiveLimit(true, 1000, 1);
		long now = 1_000 * MS;
		limit.ramp(now);
		limit.ramp(now + 50 * MS);
		assertThat(limit.current()).isEqualTo(64);
		int epoch = limit.epoch();
		assertThat(limit.onRateLimited(epoch, now + 60 * MS)).isTrue();
		assertThat(limit.onRateLimited(epoch, now + 61 * MS)).isFalse();
		assertThat(limit.current()).isEqualTo(57);
		assertThat(limit.nanosUntilRamp(now + 300 * MS)).isEqualTo(-1);
		assertThat(limit.ramp(now + 300 * MS)).isFalse();
	}

	@Test
	void a429OfAPacedModelCutsThePaceAndNotTheInFlightLimit() {
		AdaptiveLimit limit = new AdaptiveLimit(true, 1000, 1);
		long now = 1_000 * MS;
		for (int i = 0; i < 100; i++) {
			limit.onSuccess(1, now + i * 10 * MS);
		}
		now += 990 * MS;
		limit.onRateLimited(limit.epoch(), now);
		assertThat(limit.current()).isEqualTo(14);
		assertThat(limit.learntRate(now)).isCloseTo(95.0, within(1.0));
		double pace = limit.learntRate(now);
		limit.onRateLimited(limit.epoch(), now + 300 * MS);
		assertThat(limit.current()).isEqualTo(14);
		assertThat(limit.learntRate(now + 300 * MS)).isLessThan(pace);
	}

	@Test
	void thePaceStartsSlowlyUntilItCrossesTheServersRateThenProbesGently() {
		AdaptiveLimit limit = new AdaptiveLimit(true, 1000, 1);
		long now = 1_000 * MS;
		for (int i = 0; i < 5; i++) {
			limit.onSuccess(1, now + i * MS);
		}
		limit.onRateLimited(limit.epoch(), now + 10 * MS);
		assertThat(limit.learntRate(now + 10 * MS)).isCloseTo(0.95 * 50, within(1e-9));
		for (int i = 0; i < 100; i++) {
			limit.onSuccess(1, now + 100 * MS + i * MS);
		}
		double crossed = 0.95 * 50 + 100 * AdaptiveLimit.RATE_SLOW_START_PROBE;
		assertThat(limit.learntRate(now + 200 * MS)).isCloseTo(crossed, within(1e-9));
		limit.onRateLimited(limit.epoch(), now + 400 * MS);
		double pace = 0.95 * crossed;
		assertThat(limit.learntRate(now + 400 * MS)).isCloseTo(pace, within(1e-9));
		limit.onSuccess(1, now + 400 * MS);
		pace += AdaptiveLimit.RATE_PROBE;
		assertThat(limit.learntRate(now + 400 * MS)).isCloseTo(pace, within(1e-9));
		limit.onSuccess(1, now + 3_400 * MS);
		pace += 4 * AdaptiveLimit.RATE_PROBE;
		assertThat(limit.learntRate(now + 3_400 * MS)).isCloseTo(pace, within(1e-9));
		limit.onSuccess(1, now + 9_400 * MS);
		pace += AdaptiveLimit.MAX_RATE_PROBE;
		assertThat(limit.learntRate(now + 9_400 * MS)).isCloseTo(pace, within(1e-9));
	}

	@Test
	void aPacedCutAfterTheSlowStartReadsTheLastHalfSecond() {
		AdaptiveLimit limit = new AdaptiveLimit(true, 1000, 1);
		long now = 1_000 * MS;
		for (int i = 0; i < 50; i++) {
			limit.onSuccess(1, now);
		}
		limit.onRateLimited(limit.epoch(), now + 10 * MS);
		limit.onRateLimited(limit.epoch(), now + 300 * MS);
		for (int i = 0; i < 10; i++) {
			limit.onSuccess(1, now + 1_500 * MS + i * 50 * MS);
		}
		limit.onRateLimited(limit.epoch(), now + 1_999 * MS);
		assertThat(limit.learntRate(now + 1_999 * MS)).isCloseTo(0.95 * 20, within(1e-9));
	}

	@Test
	void aPaceSetByOneIncidentExpires() {
		AdaptiveLimit limit = new AdaptiveLimit(true, 16, 1);
		long now = 1_000 * MS;
		for (int i = 0; i < 20; i++) {
			limit.onSuccess(1, now + i * 10 * MS);
		}
		now += 200 * MS;
		assertThat(limit.onRateLimited(limit.epoch(), now)).isTrue();
		assertThat(limit.learntRate(now)).isGreaterThan(0);
		assertThat(limit.learntRate(now + 9_000 * MS)).isGreaterThan(0);
		assertThat(limit.learntRate(now + 10_001 * MS)).isZero();
		assertThat(limit.learntRate(now + 10_002 * MS)).isZero();
	}

	@Test
	void rampsAgainOnlyOnceThePaceExpiredAndThe429sStopped() {
		AdaptiveLimit limit = new AdaptiveLimit(true, 1000, 1);
		long now = 1_000 * MS;
		limit.onSuccess(1, now);
		limit.onRateLimited(limit.epoch(), now + MS);
		assertThat(limit.nanosUntilRamp(now + 9_000 * MS)).isEqualTo(-1);
		assertThat(limit.nanosUntilRamp(now + 10_002 * MS)).isZero();
	}

	@Test
	void aFreshIncidentSetsThePaceAgainAfterExpiry() {
		AdaptiveLimit limit = new AdaptiveLimit(true, 16, 1);
		long now = 1_000 * MS;
		limit.onSuccess(1, now);
		limit.onRateLimited(limit.epoch(), now + MS);
		now += 11_000 * MS;
		assertThat(limit.learntRate(now)).isZero();
		for (int i = 0; i < 20; i++) {
			limit.onSuccess(1, now + i * 10 * MS);
		}
		now += 300 * MS;
		limit.onRateLimited(limit.epoch(), now);
		assertThat(limit.learntRate(now)).isGreaterThan(0);
	}

	@Test
	void aFixedLimitNeverMoves() {
		AdaptiveLimit limit = new AdaptiveLimit(false, 16, 1);
		assertThat(limit.ramp(MS)).isFalse();
		limit.onSuccess(16, MS);
		assertThat(limit.onRateLimited(limit.epoch(), 2 * MS)).isFalse();
		assertThat(limit.current()).isEqualTo(16);
		assertThat(limit.learntRate(3 * MS)).isZero();
	}

}
