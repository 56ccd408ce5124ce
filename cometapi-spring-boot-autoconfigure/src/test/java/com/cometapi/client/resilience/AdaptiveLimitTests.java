package com.cometapi.client.resilience;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AdaptiveLimit}.
 */
class AdaptiveLimitTests {

	private static final long MS = 1_000_000L;

	@Test
	void aPaceSetByOneIncidentExpires() {
		AdaptiveLimit limit = new AdaptiveLimit(true, 16, 1);
		long now = 1_000 * MS;
		for (int i = 0; i < 20; i++) {
			limit.onSuccess(now + i * 10 * MS);
		}
		now += 200 * MS;
		assertThat(limit.onRateLimited(limit.epoch(), now)).isTrue();
		assertThat(limit.learntRate(now)).isGreaterThan(0);
		assertThat(limit.learntRate(now + 9_000 * MS)).isGreaterThan(0);
		assertThat(limit.learntRate(now + 10_001 * MS)).isZero();
		assertThat(limit.learntRate(now + 10_002 * MS)).isZero();
	}

	@Test
	void aFreshIncidentSetsThePaceAgainAfterExpiry() {
		AdaptiveLimit limit = new AdaptiveLimit(true, 16, 1);
		long now = 1_000 * MS;
		limit.onSuccess(now);
		limit.onRateLimited(limit.epoch(), now + MS);
		now += 11_000 * MS;
		assertThat(limit.learntRate(now)).isZero();
		for (int i = 0; i < 20; i++) {
			limit.onSuccess(now + i * 10 * MS);
		}
		now += 300 * MS;
		limit.onRateLimited(limit.epoch(), now);
		assertThat(limit.learntRate(now)).isGreaterThan(0);
	}

}
