package com.cometapi.client.resilience;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleUnaryOperator;

/**
 * The adaptive part of one model's limiter, lock-free: a limit of requests in flight that
 * follows demand while the server accepts it, and a request rate learnt from 429s. A pure
 * function of the samples it is given (outcomes, in-flight counts and times), so it is
 * tested with numbers alone.
 * <ul>
 * <li>The in-flight limit starts at {@link #INITIAL} (or the maximum when lower). While
 * calls wait for it and no 429 came in the last {@link #QUIET_NANOS}, it doubles at most
 * once per {@link #RAMP_NANOS}, without waiting for answers: a slow server (an LLM takes
 * seconds) is not held back for a round trip, while a rate limit, which a gateway answers
 * at once, stops the ramp within milliseconds. A success while at least half the limit is
 * in use raises it by one (AIMD, as in Netflix's concurrency-limits). It never rises
 * above the maximum ({@code max-in-flight}), which the server never exceeds.</li>
 * <li>A 429 to a request sent before the last cut is ignored, so a burst of 429s counts
 * once. The first 429 of an unpaced model cuts the in-flight limit by {@link #DECREASE}
 * (not below the floor) and paces requests at {@link #RATE_BACKOFF} of the successes seen
 * over the last second (the rate the server did accept). A 429 of a paced model cuts the
 * pace only, at most once per {@link #RATE_COOL_OFF_NANOS}: the pace, not the in-flight
 * count, is what meets a rate limit.</li>
 * <li>The first estimate often comes from the server's burst alone, far from its rate. So
 * the pace starts slowly: each success adds {@link #RATE_SLOW_START_PROBE} (the pace
 * doubles about every 350 ms at full use) until the next 429, which comes as the pace
 * crosses the server's rate and sets the pace at {@link #RATE_BACKOFF} of itself.</li>
 * <li>After that each success adds {@link #RATE_PROBE}, times one plus the seconds since
 * the last cut (up to {@link #MAX_RATE_PROBE}): gently (about 10% a second) just after a
 * cut, near the server's rate, and faster the longer the server accepts it. Such a cut
 * reads the successes of the last {@link #PACED_WINDOW_NANOS}.</li>
 * <li>The pace expires {@link #RATE_EXPIRY_NANOS} after the last cut: a server still at
 * its limit cuts the probing pace long before that, so only a server that stopped pushing
 * back lets it expire.</li>
 * </ul>
 *
 * @author CometAPI team
 */
final class AdaptiveLimit {

	static final int INITIAL = 16;

	static final double DECREASE = 0.9;

	static final long RAMP_NANOS = 50_000_000L;

	static final long QUIET_NANOS = 10_000_000_000L;

	static final double RATE_BACKOFF = 0.95;

	static final double RATE_SLOW_START_PROBE = 2.0;

	static final double RATE_PROBE = 0.1;

	static final double MAX_RATE_PROBE = 1.0;

	static final long PACED_WINDOW_NANOS = 500_000_000L;

	static final double MIN_RATE = 1.0;

	static final long RATE_COOL_OFF_NANOS = 200_000_000L;

	static final long RATE_EXPIRY_NANOS = 10_000_000_000L;

	private static final long NEVER = Long.MIN_VALUE;

	private static final long ZERO_BITS = Double.doubleToLongBits(0);

	private final boolean adaptive;

	private final int max;

	private final int min;

	private final AtomicLong limit;

	private final AtomicLong learntRate = new AtomicLong(Double.doubleToLongBits(0));

	private final AtomicInteger epoch = new AtomicInteger();

	private final SuccessWindow successes = new SuccessWindow();

	private final AtomicLong rateCutAt = new AtomicLong(NEVER);

	private final AtomicLong rateLimitedAt = new AtomicLong(NEVER);

	private final AtomicLong rampedAt = new AtomicLong(NEVER);

	private volatile boolean slowStart;

	AdaptiveLimit(boolean adaptive, int max, int min) {
		this.adaptive = adaptive;
		this.max = max;
		this.min = min;
		this.limit = new AtomicLong(Double.doubleToLongBits(adaptive ? Math.max(min, Math.min(max, INITIAL)) : max));
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

	/**
	 * Record a success.
	 * @param inFlight requests in flight when it ended, itself included
	 * @param nanos now
	 */
	void onSuccess(int inFlight, long nanos) {
		if (!this.adaptive) {
			return;
		}
		this.successes.record(nanos);
		double current = value(this.limit);
		if (current < this.max && inFlight * 2 >= current) {
			update(this.limit,
					(limit) -> (limit >= this.max || inFlight * 2 < limit) ? limit : Math.min(this.max, limit + 1.0));
		}
		if (!isPaced()) {
			return;
		}
		double sinceCut = (nanos - this.rateCutAt.get()) / 1e9;
		double probe = this.slowStart ? RATE_SLOW_START_PROBE
				: Math.min(MAX_RATE_PROBE, RATE_PROBE * (1 + Math.max(0, sinceCut)));
		update(this.learntRate, (rate) -> (rate > 0) ? rate + probe : rate);
	}

	/**
	 * Say whether a pace has been learnt (it may have expired since), without reading the
	 * clock: most calls of a model that was never rate limited need only this.
	 * @return whether {@link #learntRate(long)} may be positive
	 */
	boolean isPaced() {
		return this.learntRate.get() != ZERO_BITS;
	}

	/**
	 * Let the limit meet waiting demand: double it if the last 429 is older than
	 * {@link #QUIET_NANOS}, the model is not paced and the last doubling is older than
	 * {@link #RAMP_NANOS}.
	 * @param nanos now
	 * @return whether the limit grew
	 */
	boolean ramp(long nanos) {
		if (nanosUntilRamp(nanos) != 0) {
			return false;
		}
		long last = this.rampedAt.get();
		if (!this.rampedAt.compareAndSet(last, nanos)) {
			return false;
		}
		update(this.limit, (limit) -> Math.min(this.max, Math.max(limit + 1.0, limit * 2)));
		return true;
	}

	/**
	 * Return how long until the limit may {@link #ramp(long) ramp}.
	 * @param nanos now
	 * @return {@code 0} for now, the delay in nanoseconds, or {@code -1} when it cannot
	 * ramp (not adaptive, at the maximum, paced, or pushed back on lately)
	 */
	long nanosUntilRamp(long nanos) {
		if (!this.adaptive || current() >= this.max || learntRate(nanos) > 0) {
			return -1;
		}
		long limited = this.rateLimitedAt.get();
		if (limited != NEVER && nanos - limited < QUIET_NANOS) {
			return -1;
		}
		long ramped = this.rampedAt.get();
		if (ramped == NEVER || nanos - ramped >= RAMP_NANOS) {
			return 0;
		}
		return RAMP_NANOS - (nanos - ramped);
	}

	/**
	 * Record a 429.
	 * @param permitEpoch the epoch the request was granted in
	 * @param nanos now
	 * @return whether the limits were cut (the caller empties its token bucket)
	 */
	boolean onRateLimited(int permitEpoch, long nanos) {
		if (!this.adaptive) {
			return false;
		}
		this.rateLimitedAt.set(nanos);
		if (!this.epoch.compareAndSet(permitEpoch, permitEpoch + 1)) {
			return false;
		}
		boolean paced = learntRate(nanos) > 0;
		if (!paced) {
			update(this.limit, (limit) -> Math.max(this.min, limit * DECREASE));
		}
		long lastCut = this.rateCutAt.get();
		if (paced && lastCut != NEVER && nanos - lastCut < RATE_COOL_OFF_NANOS
				|| !this.rateCutAt.compareAndSet(lastCut, nanos)) {
			return true;
		}
		if (paced && this.slowStart) {
			this.slowStart = false;
			update(this.learntRate, (rate) -> Math.max(MIN_RATE, rate * RATE_BACKOFF));
			return true;
		}
		this.slowStart = !paced;
		double accepted = paced ? this.successes.perSecond(nanos, PACED_WINDOW_NANOS)
				: this.successes.perSecond(nanos, SuccessWindow.SPAN_NANOS);
		update(this.learntRate, (rate) -> {
			if (accepted < 1) {
				return (rate > 0) ? Math.max(MIN_RATE, rate * DECREASE) : MIN_RATE;
			}
			double seen = (rate > 0) ? Math.min(rate, accepted) : accepted;
			return Math.max(MIN_RATE, seen * RATE_BACKOFF);
		});
		return true;
	}

	private static double value(AtomicLong bits) {
		return Double.longBitsToDouble(bits.get());
	}

	private static void update(AtomicLong bits, DoubleUnaryOperator function) {
		long current;
		long next;
		do {
			current = bits.get();
			next = Double.doubleToLongBits(function.applyAsDouble(Double.longBitsToDouble(current)));
		}
		while (current != next && !bits.compareAndSet(current, next));
	}

}
