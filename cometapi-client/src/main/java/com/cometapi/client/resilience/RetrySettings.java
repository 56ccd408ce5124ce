package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently one model is retried.
 *
 * @param maxAttempts attempts per model, the first one included ({@code 1} = no retry)
 * @param initialBackoff delay before the first retry, before jitter
 * @param multiplier factor applied to the delay after each retry
 * @param maxBackoff cap of the delay, before jitter
 * @param jitter how the delay is randomised
 * @param respectRetryAfter whether the server's {@code Retry-After} or
 * {@code retry-after-ms} replaces the computed delay
 * @param connection how failures before any response byte (a
 * {@link com.cometapi.client.error.CometConnectionException#isBeforeResponse() connection
 * refused, reset or closed before the status line}) are retried, with attempts counted
 * apart from the other failures; {@code null} to count and delay them as any other
 * retryable failure
 * @author CometAPI team
 */
public record RetrySettings(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
		Jitter jitter, boolean respectRetryAfter, ConnectionRetrySettings connection) {

	/**
	 * The defaults: 3 attempts, 1 s doubling to at most 30 s, full jitter, Retry-After
	 * respected; failures before any response byte retried apart, as
	 * {@link ConnectionRetrySettings#DEFAULTS} says.
	 */
	public static final RetrySettings DEFAULTS = new RetrySettings(3, Duration.ofSeconds(1), 2.0,
			Duration.ofSeconds(30), Jitter.FULL, true, ConnectionRetrySettings.DEFAULTS);

	/**
	 * Create a new instance whose failures before any response byte are counted and
	 * delayed as any other retryable failure ({@link #connection()} {@code null}).
	 * @param maxAttempts attempts per model, the first one included
	 * @param initialBackoff delay before the first retry, before jitter
	 * @param multiplier factor applied to the delay after each retry
	 * @param maxBackoff cap of the delay, before jitter
	 * @param jitter how the delay is randomised
	 * @param respectRetryAfter whether the server's {@code Retry-After} replaces the
	 * computed delay
	 */
	public RetrySettings(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
			Jitter jitter, boolean respectRetryAfter) {
		this(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter, respectRetryAfter, null);
	}

	/**
	 * Create a new instance, checking every value.
	 */
	public RetrySettings {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
		}
		if (initialBackoff == null || initialBackoff.isNegative()) {
			throw new IllegalArgumentException("initialBackoff must not be negative, was " + initialBackoff);
		}
		if (multiplier < 1.0) {
			throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
		}
		if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException("maxBackoff must not be less than initialBackoff, was " + maxBackoff);
		}
		if (jitter == null) {
			throw new IllegalArgumentException("jitter must not be null");
		}
	}

	/**
	 * Return a copy with another number of attempts.
	 * @param maxAttempts attempts per model
	 * @return the copy
	 */
	public RetrySettings withMaxAttempts(int maxAttempts) {
		return new RetrySettings(maxAttempts, this.initialBackoff, this.multiplier, this.maxBackoff, this.jitter,
				this.respectRetryAfter, this.connection);
	}

	/**
	 * Return a copy that retries failures before any response byte as the given settings
	 * say.
	 * @param connection the settings, or {@code null} to count and delay those failures
	 * as any other retryable failure
	 * @return the copy
	 */
	public RetrySettings withConnection(ConnectionRetrySettings connection) {
		return new RetrySettings(this.maxAttempts, this.initialBackoff, this.multiplier, this.maxBackoff, this.jitter,
				this.respectRetryAfter, connection);
	}

	/**
	 * Return the delay before the given retry, capped and jittered. The server's
	 * {@code Retry-After} is applied by the caller.
	 * @param retry the retry, {@code 1} for the first
	 * @return the delay
	 */
	public Duration backoff(long retry) {
		return backoff(retry, this.initialBackoff, this.maxBackoff);
	}

	/**
	 * Return the delay before the given retry of a failure before any response byte, on
	 * the {@link #connection()} schedule, capped and jittered; on this one when
	 * {@link #connection()} is {@code null}.
	 * @param retry the connection retry, {@code 1} for the first
	 * @return the delay
	 */
	public Duration connectionBackoff(long retry) {
		return (this.connection != null)
				? backoff(retry, this.connection.initialBackoff(), this.connection.maxBackoff()) : backoff(retry);
	}

	private Duration backoff(long retry, Duration initial, Duration max) {
		double exponential = initial.toNanos() * Math.pow(this.multiplier, Math.max(0, retry - 1));
		long capped = (long) Math.min(max.toNanos(), exponential);
		return Duration.ofNanos(switch (this.jitter) {
			case NONE -> capped;
			case FULL -> ThreadLocalRandom.current().nextLong(capped + 1);
			case EQUAL -> capped / 2 + ThreadLocalRandom.current().nextLong(capped - capped / 2 + 1);
		});
	}

}
