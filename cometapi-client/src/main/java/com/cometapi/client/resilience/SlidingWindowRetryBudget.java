package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * A {@link RetryBudget} over a sliding window of one-second buckets, thread-safe and
 * local to one JVM. Calls are counted without a lock: each bucket holds its second and
 * its count in one atomic word, so a bucket turning over and a call counted in it cannot
 * lose each other. A retry is granted under a short lock that reads the window and takes
 * the retry in one step, so concurrent retries never overshoot the budget; only failed
 * attempts take it.
 *
 * @author CometAPI team
 */
final class SlidingWindowRetryBudget implements RetryBudget {

	private static final long SECOND = 1_000_000_000L;

	private final double ratio;

	private final long minRetries;

	private final int buckets;

	private final LongSupplier nanoClock;

	private final AtomicLongArray calls;

	private final long[] retrySeconds;

	private final long[] retries;

	SlidingWindowRetryBudget(double ratio, int minRetriesPerSecond, Duration window, LongSupplier nanoClock) {
		if (!(ratio >= 0) || Double.isInfinite(ratio)) {
			throw new IllegalArgumentException("ratio must not be negative, was " + ratio);
		}
		if (minRetriesPerSecond < 0) {
			throw new IllegalArgumentException("minRetriesPerSecond must not be negative, was " + minRetriesPerSecond);
		}
		this.buckets = (int) Math.max(1, window.toSeconds());
		this.ratio = ratio;
		this.minRetries = (long) minRetriesPerSecond * this.buckets;
		this.nanoClock = nanoClock;
		this.calls = new AtomicLongArray(this.buckets);
		this.retrySeconds = new long[this.buckets];
		this.retries = new long[this.buckets];
		Arrays.fill(this.retrySeconds, Long.MIN_VALUE);
	}

	@Override
	public void recordCall() {
		long second = second();
		int tag = (int) second;
		int bucket = bucketOf(second);
		for (;;) {
			long word = this.calls.get(bucket);
			long next = (tag - tagOf(word) <= 0) ? word + 1 : pack(tag, 1);
			if (this.calls.compareAndSet(bucket, word, next)) {
				return;
			}
		}
	}

	@Override
	public boolean tryAcquireRetry() {
		synchronized (this.retries) {
			long second = second();
			if (remainingAt(second) <= 0) {
				return false;
			}
			int bucket = bucketOf(second);
			if (this.retrySeconds[bucket] != second) {
				this.retrySeconds[bucket] = second;
				this.retries[bucket] = 0;
			}
			this.retries[bucket]++;
			return true;
		}
	}

	@Override
	public long remaining() {
		synchronized (this.retries) {
			return remainingAt(second());
		}
	}

	@Override
	public void reset() {
		synchronized (this.retries) {
			for (int i = 0; i < this.buckets; i++) {
				this.calls.set(i, 0);
			}
			Arrays.fill(this.retrySeconds, Long.MIN_VALUE);
			Arrays.fill(this.retries, 0);
		}
	}

	private long remainingAt(long second) {
		int tag = (int) second;
		long windowCalls = 0;
		long windowRetries = 0;
		for (int i = 0; i < this.buckets; i++) {
			long word = this.calls.get(i);
			int age = tag - tagOf(word);
			if (age >= 0 && age < this.buckets) {
				windowCalls += countOf(word);
			}
			long retryAge = second - this.retrySeconds[i];
			if (retryAge >= 0 && retryAge < this.buckets) {
				windowRetries += this.retries[i];
			}
		}
		return Math.max(0, Math.max(this.minRetries, (long) (this.ratio * windowCalls)) - windowRetries);
	}

	private long second() {
		return Math.floorDiv(this.nanoClock.getAsLong(), SECOND);
	}

	private int bucketOf(long second) {
		return (int) Math.floorMod(second, (long) this.buckets);
	}

	private static long pack(int tag, long count) {
		return ((long) tag << 32) | count;
	}

	private static int tagOf(long word) {
		return (int) (word >>> 32);
	}

	private static long countOf(long word) {
		return word & 0xFFFF_FFFFL;
	}

}
