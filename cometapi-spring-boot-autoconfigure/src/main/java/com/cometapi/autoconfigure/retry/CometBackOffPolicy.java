package com.cometapi.autoconfigure.retry;

import java.time.Duration;

import org.springframework.retry.RetryContext;
import org.springframework.retry.backoff.BackOffContext;
import org.springframework.retry.backoff.BackOffInterruptedException;
import org.springframework.retry.backoff.BackOffPolicy;
import org.springframework.retry.backoff.Sleeper;
import org.springframework.retry.backoff.ThreadWaitSleeper;

import com.cometapi.client.resilience.RetrySettings;

/**
 * A spring-retry {@link BackOffPolicy} with the same backoff as {@code CometTemplate}:
 * capped exponential delay with jitter, replaced by the server's {@code Retry-After} or
 * {@code retry-after-ms} when {@link RetrySettings#respectRetryAfter()}. It sleeps the
 * calling thread, so it is for blocking code only, never for an event loop.
 *
 * @author CometAPI team
 * @see CometRetryPolicy
 */
public class CometBackOffPolicy implements BackOffPolicy {

	private final RetrySettings settings;

	private final Sleeper sleeper;

	/**
	 * Create a policy that sleeps the calling thread.
	 * @param settings the backoff settings
	 */
	public CometBackOffPolicy(RetrySettings settings) {
		this(settings, new ThreadWaitSleeper());
	}

	/**
	 * Create a policy with the given sleeper.
	 * @param settings the backoff settings
	 * @param sleeper how to wait
	 */
	public CometBackOffPolicy(RetrySettings settings, Sleeper sleeper) {
		this.settings = settings;
		this.sleeper = sleeper;
	}

	@Override
	public BackOffContext start(RetryContext context) {
		return new Context(context);
	}

	@Override
	public void backOff(BackOffContext backOffContext) throws BackOffInterruptedException {
		try {
			this.sleeper.sleep(delay(((Context) backOffContext).retry).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BackOffInterruptedException("Interrupted while backing off", ex);
		}
	}

	/**
	 * Return the delay before the next attempt of the given retry.
	 * @param context the retry's context
	 * @return the delay
	 */
	Duration delay(RetryContext context) {
		long retryAfter = CometRetryPolicy.retryAfterMillis(context.getLastThrowable());
		if (this.settings.respectRetryAfter() && retryAfter >= 0) {
			return Duration.ofMillis(retryAfter);
		}
		return this.settings.backoff(Math.max(1, context.getRetryCount()));
	}

	private record Context(RetryContext retry) implements BackOffContext {

	}

}
