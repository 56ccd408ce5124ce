package com.cometapi.client.resilience;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts successes over the trailing second in ten slots of 100 ms, lock-free. Slightly
 * approximate when a slot turns over under concurrent updates, which is fine for a rate
 * estimate.
 *
 * @author CometAPI team
 */
final class SuccessWindow {

	private static final int SLOTS = 10;

	private static final long SLOT_NANOS = 100_000_000L;

	static final long SPAN_NANOS = SLOTS * SLOT_NANOS;

	private final AtomicLongArray counts = new AtomicLongArray(SLOTS);

	private final AtomicLongArray stamps = new AtomicLongArray(SLOTS);

	private final java.util.concurrent.atomic.AtomicLong firstAt = new java.util.concurrent.atomic.AtomicLong(
			Long.MIN_VALUE);

	SuccessWindow() {
		for (int i = 0; i < SLOTS; i++) {
			this.stamps.set(i, Long.MIN_VALUE);
		}
	}

	void record(long nanos) {
		if (this.firstAt.get() == Long.MIN_VALUE) {
			this.firstAt.compareAndSet(Long.MIN_VALUE, nanos);
		}
		long slot = Math.floorDiv(nanos, SLOT_NANOS);
		int index = (int) Math.floorMod(slot, (long) SLOTS);
		long stamp = this.stamps.get(index);
		if (stamp != slot && this.stamps.compareAndSet(index, stamp, slot)) {
			this.counts.set(index, 0);
		}
		this.counts.incrementAndGet(index);
	}

	long lastSecond(long nanos) {
		return lastSlots(nanos, SLOTS);
	}

	private long lastSlots(long nanos, int slots) {
		long slot = Math.floorDiv(nanos, SLOT_NANOS);
		long sum = 0;
		for (int i = 0; i < SLOTS; i++) {
			long stamp = this.stamps.get(i);
			if (stamp != Long.MIN_VALUE && slot - stamp < slots && slot >= stamp) {
				sum += this.counts.get(i);
			}
		}
		return sum;
	}

	/**
	 * Return the successes per second over the trailing window (whole slots, at most a
	 * second), or over the time since the first success when that is shorter (but at
	 * least one slot).
	 * @param nanos now
	 * @param windowNanos the window, at most {@link #SPAN_NANOS}
	 * @return the rate
	 */
	double perSecond(long nanos, long windowNanos) {
		long first = this.firstAt.get();
		if (first == Long.MIN_VALUE) {
			return 0;
		}
		int slots = (int) Math.max(1, Math.min(SLOTS, windowNanos / SLOT_NANOS));
		long span = Math.min(slots * SLOT_NANOS, Math.max(SLOT_NANOS, nanos - first));
		return lastSlots(nanos, slots) * 1e9 / span;
	}

}
