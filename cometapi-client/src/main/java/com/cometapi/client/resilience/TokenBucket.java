package com.cometapi.client.resilience;

/**
 * A token bucket refilled at a rate and up to a burst given on each use: a tenth of a
 * second's worth of tokens (at least one) for a configured rate, a single token for a
 * pace learnt from 429s (the server's burst is unknown, so paced requests leave evenly).
 * Not thread-safe: its owner guards it.
 *
 * @author CometAPI team
 */
final class TokenBucket {

	private double tokens;

	private long refilledAt;

	TokenBucket(long nanos, double initialTokens) {
		this.tokens = initialTokens;
		this.refilledAt = nanos;
	}

	static double burst(double rate) {
		return Math.max(1.0, rate / 10.0);
	}

	boolean hasToken(long nanos, double rate, double burst) {
		refill(nanos, rate, burst);
		return this.tokens >= 1.0;
	}

	void take() {
		this.tokens -= 1.0;
	}

	long nanosUntilToken(double rate) {
		return Math.max(1L, (long) Math.ceil((1.0 - this.tokens) / rate * 1e9));
	}

	void empty(long nanos) {
		this.tokens = Math.min(this.tokens, 0.0);
		this.refilledAt = nanos;
	}

	private void refill(long nanos, double rate, double burst) {
		long elapsed = nanos - this.refilledAt;
		if (elapsed > 0) {
			this.tokens = Math.min(burst, this.tokens + elapsed * rate / 1e9);
			this.refilledAt = nanos;
		}
	}

}
