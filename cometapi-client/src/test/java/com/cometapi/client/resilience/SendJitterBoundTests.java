package com.cometapi.client.resilience;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What no limiter can beat against a gateway's token bucket when sends reach it late by a
 * random 0 to J ms (an event loop firing a timer late): a perfect pacer, seeded jitter,
 * at most 5% of the requests refused ({@link RateLimitedServerSimulation}). A bucket of
 * one token refuses a request that lands less than one interval after the last accepted
 * one, so jitter of a good part of that interval costs throughput whatever the pace; a
 * bucket of a few tokens absorbs it.
 */
class SendJitterBoundTests {

	@Test
	void aPerfectPacerWithoutJitterMeetsAOneTokenBucketAtItsRate() {
		assertThat(RateLimitedServerSimulation.refusedAtPerfectPace(100, 1, 0, 99.9, 42)).isZero();
	}

	@Test
	void sendJitterOfAFewMillisecondsPutsAOneTokenBucketOutOfReachOfTheTarget() {
		// 1.10x the floor at 1.05 requests per call is out of reach for any client
		assertThat(RateLimitedServerSimulation.bestWallOverFloor(100, 1, 5, 0.05)).isGreaterThan(1.30);
		assertThat(RateLimitedServerSimulation.bestWallOverFloor(500, 1, 5, 0.05)).isGreaterThan(2.5);
		assertThat(RateLimitedServerSimulation.bestWallOverFloor(50, 1, 5, 0.05)).isGreaterThan(1.10);
		// and within reach when the jitter is a small part of the interval
		assertThat(RateLimitedServerSimulation.bestWallOverFloor(50, 1, 1, 0.05)).isLessThan(1.10);
		assertThat(RateLimitedServerSimulation.bestWallOverFloor(100, 1, 1, 0.05)).isLessThan(1.10);
	}

	@Test
	void aBurstOfAFewTokensAbsorbsTheJitter() {
		assertThat(RateLimitedServerSimulation.bestWallOverFloor(200, 2, 5, 0.05)).isLessThanOrEqualTo(1.01);
		assertThat(RateLimitedServerSimulation.bestWallOverFloor(500, 5, 5, 0.05)).isLessThanOrEqualTo(1.01);
		assertThat(RateLimitedServerSimulation.bestWallOverFloor(500, 50, 10, 0.05)).isLessThanOrEqualTo(1.01);
	}

}
