package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * A {@link RetryBudget} over a sliding window of one-second buckets in atomic arrays:
 * lock-free and thread-safe, local to one JVM.
 *
 * @author CometAPI team
 */
public final class SlidingWindowRetryBudget implements RetryBudget {

	private static final long SECOND = 1_000_000_000L;

	private final double ratio;

	private final long minRetries;

	private final int buckets;

	private final LongSupplier nanoClock;

	private final AtomicLongArray stamps;

	private final AtomicLongArray calls;

	private final AtomicLongArray retries;

	SlidingWindowRetryBudget(double ratio, int minRetriesPerSecond, Duration window, LongSupplier nanoClock) {
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

	@Override
	public void recordCall() {
		this.calls.incrementAndGet(currentBucket());
	}

	@Override
	public boolean tryAcquireRetry() {
		int bucket = currentBucket();
		if (remainingIn(bucket) <= 0) {
			return false;
		}
		this.retries.incrementAndGet(bucket);
		return true;
	}

	@Override
	public long remaining() {
		return remainingIn(currentBucket());
	}

	@Override
	public void reset() {
		for (int i = 0; i < this.buckets; i++) {
			this.stamps.set(i, Long.MIN_VALUE);
			this.calls.set(i, 0);
			this.retries.set(i, 0);
		}
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
