package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Caps the retries of one template to a share of its calls over a sliding window, so that
 * an outage does not turn into a retry storm: with a ratio of {@code 0.2}, retries add at
 * most 20% to the requests sent, plus a small floor so a quiet application can still
 * retry. When the budget is spent a retryable failure goes straight to the next model or
 * to the caller.
 * <p>
 * Lock-free: one-second buckets in atomic arrays; thread-safe.
 *
 * @author CometAPI team
 */
public final class RetryBudget {

	private static final long SECOND = 1_000_000_000L;

	private final double ratio;

	private final long minRetries;

	private final int buckets;

	private final LongSupplier nanoClock;

	private final AtomicLongArray stamps;

	private final AtomicLongArray calls;

	private final AtomicLongArray retries;

	private RetryBudget(double ratio, int minRetriesPerSecond, Duration window, LongSupplier nanoClock) {
		if (ratio < 0) {
			throw new IllegalArgumentException("ratio must not be negative, was " + ratio);
		}
		if (minRetriesPerSecond < 0) {
			throw new IllegalArgumentException("minRetriesPerSecond must not be negative, was " + minRetriesPerSecond);
		}
		this.buckets = (int) Math.max(1, window.toSeconds());
		this.ratio = ratio;
		this.minRetries = (long) minRetriesPerSecond * this.buckets;
		this.nanoClock = nanoClock;
		this.stamps = new AtomicLongArray(this.buckets);
		this.calls = new AtomicLongArray(this.buckets);
		this.retries = new AtomicLongArray(this.buckets);
		for (int i = 0; i < this.buckets; i++) {
			this.stamps.set(i, Long.MIN_VALUE);
		}
	}

	/**
	 * Create a budget.
	 * @param ratio retries allowed per call in the window, for example {@code 0.2}
	 * @param minRetriesPerSecond retries always allowed per second of the window
	 * @param window the length of the sliding window, in whole seconds
	 * @return the budget
	 */
	public static RetryBudget of(double ratio, int minRetriesPerSecond, Duration window) {
		return new RetryBudget(ratio, minRetriesPerSecond, window, System::nanoTime);
	}

	/**
	 * Create a budget on the given clock, for tests.
	 * @param ratio retries allowed per call in the window
	 * @param minRetriesPerSecond retries always allowed per second of the window
	 * @param window the length of the sliding window
	 * @param nanoClock a monotonic clock in nanoseconds
	 * @return the budget
	 */
	public static RetryBudget of(double ratio, int minRetriesPerSecond, Duration window, LongSupplier nanoClock) {
		return new RetryBudget(ratio, minRetriesPerSecond, window, nanoClock);
	}

	/**
	 * Create a budget that never refuses a retry.
	 * @return the budget
	 */
	public static RetryBudget unlimited() {
		return new RetryBudget(Double.MAX_VALUE / 1e6, Integer.MAX_VALUE / 1024, Duration.ofSeconds(1),
				System::nanoTime);
	}

	/**
	 * Record a call (its first attempt): it deposits {@code ratio} retries.
	 */
	public void recordCall() {
		this.calls.incrementAndGet(currentBucket());
	}

	/**
	 * Take one retry from the budget if any is left.
	 * @return whether the retry may go ahead
	 */
	public boolean tryAcquireRetry() {
		int bucket = currentBucket();
		if (remainingIn(bucket) <= 0) {
			return false;
		}
		this.retries.incrementAndGet(bucket);
		return true;
	}

	/**
	 * Return the retries still allowed in the current window.
	 * @return the retries left, never negative
	 */
	public long remaining() {
		return remainingIn(currentBucket());
	}

	private long remainingIn(int bucket) {
		long second = this.stamps.get(bucket);
		long windowCalls = 0;
		long windowRetries = 0;
		for (int i = 0; i < this.buckets; i++) {
			if (second - this.stamps.get(i) < this.buckets) {
				windowCalls += this.calls.get(i);
				windowRetries += this.retries.get(i);
			}
		}
		return Math.max(0, Math.max(this.minRetries, (long) (this.ratio * windowCalls)) - windowRetries);
	}

	private int currentBucket() {
		long second = this.nanoClock.getAsLong() / SECOND;
		int bucket = (int) Math.floorMod(second, (long) this.buckets);
		long stamp = this.stamps.get(bucket);
		if (stamp != second && this.stamps.compareAndSet(bucket, stamp, second)) {
			this.calls.set(bucket, 0);
			this.retries.set(bucket, 0);
		}
		return bucket;
	}

}
