package com.cometapi.test;

/**
 * The capacity limits of a {@link CometApiMockServer}: a token bucket plus an in-flight
 * cap. Unlimited until set.
 */
final class MockCapacity {

	private double requestsPerSecond;

	private double burst;

	private int maxInFlight;

	private long retryAfterSeconds = -1;

	private double tokens;

	private long refilledAt;

	private int admitted;

	synchronized void set(int requestsPerSecond, int maxInFlight) {
		set(requestsPerSecond, requestsPerSecond, maxInFlight, -1);
	}

	synchronized void set(double requestsPerSecond, double burst, int maxInFlight, long retryAfterSeconds) {
		this.requestsPerSecond = requestsPerSecond;
		this.burst = burst;
		this.maxInFlight = maxInFlight;
		this.retryAfterSeconds = retryAfterSeconds;
		this.tokens = burst;
		this.refilledAt = System.nanoTime();
	}

	/**
	 * Return the {@code Retry-After} seconds to send with a refusal, or {@code -1}.
	 */
	synchronized long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

	/**
	 * Admit a request if both limits allow it; an admitted request must be
	 * {@link #release() released} when it ends.
	 */
	synchronized boolean tryAcquire() {
		if (this.maxInFlight > 0 && this.admitted >= this.maxInFlight) {
			return false;
		}
		if (this.requestsPerSecond > 0) {
			long now = System.nanoTime();
			this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) / 1e9 * this.requestsPerSecond);
			this.refilledAt = now;
			if (this.tokens < 1) {
				return false;
			}
			this.tokens -= 1;
		}
		this.admitted++;
		return true;
	}

	synchronized void release() {
		if (this.admitted > 0) {
			this.admitted--;
		}
	}

}
