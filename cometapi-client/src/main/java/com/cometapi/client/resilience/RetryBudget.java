package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Caps the retries of one template to a share of its calls over a sliding window, so that
 * an outage does not turn into a retry storm: with a ratio of {@code 0.2}, retries add at
 * most 20% to the requests sent, plus a small floor so a quiet application can still
 * retry. When the budget is spent a retryable failure goes straight to the next model or
 * to the caller. Implementations must be thread-safe and must not block.
 *
 * @author CometAPI team
 */
public interface RetryBudget {

	/**
	 * Default retries allowed per call in the window.
	 */
	double DEFAULT_RATIO = 0.5;

	/**
	 * Default retries always allowed per second of the window.
	 */
	int DEFAULT_MIN_RETRIES_PER_SECOND = 10;

	/**
	 * Default length of the sliding window.
	 */
	Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

	/**
	 * Record a call (its first attempt): it deposits {@code ratio} retries.
	 */
	void recordCall();

	/**
	 * Take one retry from the budget if any is left.
	 * @return whether the retry may go ahead
	 */
	boolean tryAcquireRetry();

	/**
	 * Return the retries still allowed in the current window.
	 * @return the retries left, never negative
	 */
	long remaining();

	/**
	 * Forget the calls and retries counted so far, as if none had been made. Does nothing
	 * by default.
	 */
	default void reset() {
	}

	/**
	 * Create a budget local to this JVM.
	 * @param ratio retries allowed per call in the window, for example {@code 0.2}
	 * @param minRetriesPerSecond retries always allowed per second of the window
	 * @param window the length of the sliding window, in whole seconds
	 * @return the budget
	 */
	static RetryBudget of(double ratio, int minRetriesPerSecond, Duration window) {
		return new SlidingWindowRetryBudget(ratio, minRetriesPerSecond, window, System::nanoTime);
	}

	/**
	 * Create a budget local to this JVM with the defaults: {@value #DEFAULT_RATIO}
	 * retries per call and {@value #DEFAULT_MIN_RETRIES_PER_SECOND} per second over a
	 * sliding window of {@link #DEFAULT_WINDOW}.
	 * @return the budget
	 */
	static RetryBudget defaults() {
		return of(DEFAULT_RATIO, DEFAULT_MIN_RETRIES_PER_SECOND, DEFAULT_WINDOW);
	}

	/**
	 * Create a budget local to this JVM on the given clock, for tests.
	 * @param ratio retries allowed per call in the window
	 * @param minRetriesPerSecond retries always allowed per second of the window
	 * @param window the length of the sliding window
	 * @param nanoClock a monotonic clock in nanoseconds
	 * @return the budget
	 */
	static RetryBudget of(double ratio, int minRetriesPerSecond, Duration window, LongSupplier nanoClock) {
		return new SlidingWindowRetryBudget(ratio, minRetriesPerSecond, window, nanoClock);
	}

	/**
	 * Create a budget that never refuses a retry.
	 * @return the budget
	 */
	static RetryBudget unlimited() {
		return UnlimitedRetryBudget.INSTANCE;
	}

}
