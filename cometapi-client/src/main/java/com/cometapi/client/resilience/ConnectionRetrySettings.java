package com.cometapi.client.resilience;

import java.time.Duration;

/**
 * How often and how soon one model is retried after its connection failed before any
 * response byte arrived (refused, reset, or closed before the status line). Such a
 * failure is quick to see and cost the server no answer, and the next attempt takes
 * another connection, so it gets more attempts and much shorter delays than a failure the
 * server answered (a 5xx, a 429, a timeout), which keeps its own attempts and backoff: a
 * model that answers 503 falls back after the same few seconds whatever this says. The
 * delay before the {@code n}-th connection retry is
 * {@code min(maxBackoff, initialBackoff * multiplier^(n - 1))}, randomised by the
 * {@link RetrySettings#jitter() jitter}, with the {@link RetrySettings#multiplier()
 * multiplier} of the {@link RetrySettings} that holds these settings. The retry budget
 * caps these retries as any other.
 *
 * @param maxAttempts attempts per model that may fail this way, the first one included
 * ({@code 1} = no retry of connection failures)
 * @param initialBackoff delay before the first connection retry, before jitter
 * @param maxBackoff cap of the delay, before jitter
 * @author CometAPI team
 */
public record ConnectionRetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

	/**
	 * The defaults: 10 attempts, 10 ms doubling to at most 250 ms (about 1.3 s of delay
	 * in all, at most, before the next model). At a rate {@code p} of connection failures
	 * a call runs out of attempts with probability {@code p^10}: one call in ten million
	 * at 20%.
	 */
	public static final ConnectionRetrySettings DEFAULTS = new ConnectionRetrySettings(10, Duration.ofMillis(10),
			Duration.ofMillis(250));

	/**
	 * Create a new instance, checking every value.
	 */
	public ConnectionRetrySettings {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
		}
		if (initialBackoff == null || initialBackoff.isNegative()) {
			throw new IllegalArgumentException("initialBackoff must not be negative, was " + initialBackoff);
		}
		if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException("maxBackoff must not be less than initialBackoff, was " + maxBackoff);
		}
	}

}
