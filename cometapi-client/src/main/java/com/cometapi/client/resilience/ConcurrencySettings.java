package com.cometapi.client.resilience;

import java.time.Duration;

/**
 * Limits of the {@link AdaptiveConcurrencyLimiter}, applied to each model on its own.
 *
 * @param maxInFlight most requests in flight per model, held exactly; the adaptive limit
 * starts lower and rises to it while the server accepts the load
 * @param maxQueued most calls waiting for a permit per model; more are rejected at once
 * ({@code 0} = never wait)
 * @param queueTimeout longest wait for a permit before the call is rejected, or
 * {@code null} to let the call's own deadline bound the wait
 * @param adaptive whether the limit adapts: cut on 429, raised back on success, and a
 * request rate learnt from 429s
 * @param minInFlight lowest limit the adaptive limiter cuts to
 * @param requestsPerSecond requests per second allowed per model by a token bucket, or
 * {@code 0} for no rate limit
 * @author CometAPI team
 */
public record ConcurrencySettings(int maxInFlight, int maxQueued, Duration queueTimeout, boolean adaptive,
		int minInFlight, double requestsPerSecond) {

	/**
	 * The defaults: at most 1,000 in flight (an adaptive limit that starts at 16 and
	 * follows demand), 10,000 queued, the wait bounded by the call's deadline, floor 1,
	 * no rate limit.
	 */
	public static final ConcurrencySettings DEFAULTS = new ConcurrencySettings(1000, 10_000, null, true, 1, 0);

	/**
	 * Create a new instance, checking every value.
	 */
	public ConcurrencySettings {
		if (maxInFlight < 1) {
			throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
		}
		if (maxQueued < 0) {
			throw new IllegalArgumentException("maxQueued must not be negative, was " + maxQueued);
		}
		if (queueTimeout != null && (queueTimeout.isNegative() || queueTimeout.isZero())) {
			throw new IllegalArgumentException("queueTimeout must be positive or null, was " + queueTimeout);
		}
		if (minInFlight < 1 || minInFlight > maxInFlight) {
			throw new IllegalArgumentException(
					"minInFlight must be between 1 and maxInFlight (" + maxInFlight + "), was " + minInFlight);
		}
		if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
			throw new IllegalArgumentException(
					"requestsPerSecond must be 0 (off) or positive, was " + requestsPerSecond);
		}
	}

	/**
	 * Return these settings with a model's overrides applied.
	 * @param limits the model's overrides, or {@code null}
	 * @return the settings of the model
	 */
	public ConcurrencySettings with(ModelLimits limits) {
		if (limits == null) {
			return this;
		}
		int max = (limits.maxInFlight() != null) ? limits.maxInFlight() : this.maxInFlight;
		return new ConcurrencySettings(max, (limits.maxQueued() != null) ? limits.maxQueued() : this.maxQueued,
				this.queueTimeout, this.adaptive, Math.min(this.minInFlight, max),
				(limits.requestsPerSecond() != null) ? limits.requestsPerSecond() : this.requestsPerSecond);
	}

}
