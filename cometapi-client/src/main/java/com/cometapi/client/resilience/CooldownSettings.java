package com.cometapi.client.resilience;

import java.time.Duration;

/**
 * When a model that keeps failing is skipped for a while.
 *
 * @param enabled whether failing models are skipped at all
 * @param failureRateThreshold share of failed calls, in {@code (0, 1]}, above which the
 * model is skipped
 * @param windowSize how many of the model's latest calls are looked at
 * @param minimumCalls calls needed in the window before the rate is trusted
 * @param duration how long the model is skipped
 * @author CometAPI team
 */
public record CooldownSettings(boolean enabled, double failureRateThreshold, int windowSize, int minimumCalls,
		Duration duration) {

	/**
	 * The defaults: skip a model for 30 s when more than half of its last 20 calls
	 * failed, once it has had 10.
	 */
	public static final CooldownSettings DEFAULTS = new CooldownSettings(true, 0.5, 20, 10, Duration.ofSeconds(30));

	/**
	 * Settings that never skip a model.
	 */
	public static final CooldownSettings DISABLED = new CooldownSettings(false, 1.0, 1, 1, Duration.ZERO);

	/**
	 * Create a new instance, checking every value.
	 */
	public CooldownSettings {
		if (!(failureRateThreshold > 0 && failureRateThreshold <= 1)) {
			throw new IllegalArgumentException("failureRateThreshold must be in (0, 1], was " + failureRateThreshold);
		}
		if (windowSize < 1 || minimumCalls < 1 || minimumCalls > windowSize) {
			throw new IllegalArgumentException("windowSize and minimumCalls must be at least 1 and minimumCalls "
					+ "at most windowSize, were " + windowSize + " and " + minimumCalls);
		}
		if (duration == null || duration.isNegative()) {
			throw new IllegalArgumentException("duration must not be negative, was " + duration);
		}
	}

}
