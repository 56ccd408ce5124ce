package com.cometapi.client.resilience;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The adaptive part of one model's limiter, lock-free: an AIMD limit of requests in
 * flight and a request rate learnt from 429s.
 * <ul>
 * <li>A 429 cuts the in-flight limit by {@link #DECREASE} (not below the floor), and
 * paces requests at {@link #RATE_BACKOFF} of the successes seen over the last second (the
 * rate the server did accept). Only a 429 to a request sent after the last cut counts, so
 * a burst of 429s cuts once.</li>
 * <li>A success raises the in-flight limit by {@code 1/limit} (one per window of
 * requests) up to the maximum, and the learnt rate by {@link #RATE_PROBE} request per
 * second (about 1% a second at full use), probing for capacity.</li>
 * <li>The learnt rate expires {@link #RATE_EXPIRY_NANOS} after the last cut: a pace set
 * by one incident must not hold a model back long after the server recovered. A server
 * still at capacity answers the next burst with 429s, which set the pace again.</li>
 * </ul>
 *
 * @author CometAPI team
 */
final class AdaptiveLimit {

	static final double DECREASE = 0.8;

	static final double RATE_BACKOFF = 0.95;

	static final double RATE_PROBE = 0.01;

	static final double MIN_RATE = 1.0;

	static final long RATE_COOL_OFF_NANOS = 200_000_000L;

	static final long RATE_EXPIRY_NANOS = 10_000_000_000L;

	private final boolean adaptive;

	private final int max;

	private final int min;

	private final AtomicLong limit;

	private final AtomicLong learntRate = new AtomicLong(Double.doubleToLongBits(0));

	private final AtomicInteger epoch = new AtomicInteger();

	private final SuccessWindow successes = new SuccessWindow();

	private final AtomicLong rateCutAt = new AtomicLong(Long.MIN_VALUE);

	AdaptiveLimit(boolean adaptive, int max, int min) {
		this.adaptive = adaptive;
		this.max = max;
		this.min = min;
		this.limit = new AtomicLong(Double.doubleToLongBits(max));
	}

	int current() {
		return this.adaptive ? Math.max(this.min, (int) value(this.limit)) : this.max;
	}

	double learntRate(long nanos) {
		long bits = this.learntRate.get();
		double rate = Double.longBitsToDouble(bits);
		if (rate > 0 && nanos - this.rateCutAt.get() > RATE_EXPIRY_NANOS) {
			this.learntRate.compareAndSet(bits, Double.doubleToLongBits(0));
			return 0;
		}
		return rate;
	}

	int epoch() {
		return this.epoch.get();
	}

	void onSuccess(long nanos) {
		if (!this.adaptive) {
			return;
		}
		this.successes.record(nanos);
		update(this.limit, (limit) -> (limit >= this.max) ? limit : Math.min(this.max, limit + 1.0 / limit));
		update(this.learntRate, (rate) -> (rate > 0) ? rate + RATE_PROBE : rate);
	}

	/**
	 * Record a 429.
	 * @param permitEpoch the epoch the request was granted in
	 * @param nanos now
	 * @return whether the limits were cut (the caller empties its token bucket)
	 */
	boolean onRateLimited(int permitEpoch, long nanos) {
		if (!this.adaptive || !this.epoch.compareAndSet(permitEpoch, permitEpoch + 1)) {
			return false;
		}
		update(this.limit, (limit) -> Math.max(this.min, limit * DECREASE));
		long lastCut = this.rateCutAt.get();
		if (lastCut != Long.MIN_VALUE && nanos - lastCut < RATE_COOL_OFF_NANOS
				|| !this.rateCutAt.compareAndSet(lastCut, nanos)) {
			return true;
		}
		double accepted = this.successes.perSecond(nanos);
		update(this.learntRate, (rate) -> {
			if (accepted < 1) {
				return (rate > 0) ? Math.max(MIN_RATE, rate * DECREASE) : rate;
			}
			double seen = (rate > 0) ? Math.min(rate, accepted) : accepted;
			return Math.max(MIN_RATE, seen * RATE_BACKOFF);
		});
		return true;
	}

	private static double value(AtomicLong bits) {
		return Double.longBitsToDouble(bits.get());
	}

	private static void update(AtomicLong bits, java.util.function.DoubleUnaryOperator function) {
		long current;
		long next;
		do {
			current = bits.get();
			next = Double.doubleToLongBits(function.applyAsDouble(Double.longBitsToDouble(current)));
		}
		while (current != next && !bits.compareAndSet(current, next));
	}

}
