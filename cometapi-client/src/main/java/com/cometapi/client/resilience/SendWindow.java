package com.cometapi.client.resilience;

/**
 * The send instants of the last second, so that a configured rate holds in every window
 * of one second and not only on average: a send is allowed while fewer than the rate
 * (rounded down, at least one) left in the second before it.
 * <p>
 * Memory follows the sends actually made: the log starts at 16 instants, doubles while
 * the last second holds more, never past the rate's count, and halves again once a
 * quarter of it is in use. A rate of 100,000 per second costs 16 instants until that many
 * are really sent in one second (then 8 bytes each). Not thread-safe: the model's limiter
 * guards it with the lock its paced path already takes.
 *
 * @author CometAPI team
 */
final class SendWindow {

	static final long SECOND_NANOS = 1_000_000_000L;

	static final int MIN_CAPACITY = 16;

	private final int max;

	private long[] sends;

	private int head;

	private int size;

	SendWindow(double requestsPerSecond) {
		this.max = (int) Math.max(1, Math.min(Integer.MAX_VALUE - 8, Math.floor(requestsPerSecond)));
		this.sends = new long[Math.min(this.max, MIN_CAPACITY)];
	}

	int max() {
		return this.max;
	}

	int capacity() {
		return this.sends.length;
	}

	boolean hasRoom(long nanos) {
		evict(nanos);
		return this.size < this.max;
	}

	/**
	 * Return how long until a send is allowed.
	 * @param nanos now
	 * @return {@code 0} for now, else the nanoseconds until the oldest send of the window
	 * is a second old
	 */
	long nanosUntilRoom(long nanos) {
		if (hasRoom(nanos)) {
			return 0;
		}
		return Math.max(1L, this.sends[this.head] + SECOND_NANOS - nanos);
	}

	/**
	 * Record a send; only after {@link #hasRoom(long)} said yes at the same instant.
	 * @param nanos now
	 */
	void record(long nanos) {
		if (this.size == this.sends.length) {
			resize((int) Math.min(this.max, 2L * this.sends.length));
		}
		this.sends[(this.head + this.size) % this.sends.length] = nanos;
		this.size++;
	}

	private void evict(long nanos) {
		while (this.size > 0 && nanos - this.sends[this.head] >= SECOND_NANOS) {
			this.head = (this.head + 1) % this.sends.length;
			this.size--;
		}
		if (this.sends.length > MIN_CAPACITY && this.size < this.sends.length / 4) {
			resize(Math.max(MIN_CAPACITY, this.sends.length / 2));
		}
	}

	private void resize(int capacity) {
		long[] resized = new long[capacity];
		for (int i = 0; i < this.size; i++) {
			resized[i] = this.sends[(this.head + i) % this.sends.length];
		}
		this.sends = resized;
		this.head = 0;
	}

}
