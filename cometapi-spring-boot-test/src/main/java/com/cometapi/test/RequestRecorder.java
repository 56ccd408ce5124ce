package com.cometapi.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a {@link CometApiMockServer} received: the recorded requests and the counters of
 * requests in flight, disconnects and 429 responses.
 */
final class RequestRecorder {

	private final List<RecordedRequest> recorded = new ArrayList<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	private volatile Counters counters = new Counters();

	/**
	 * Count a request that has arrived.
	 * @return the counters it belongs to, to be passed to {@link #finished}
	 */
	Counters started() {
		this.inFlight.incrementAndGet();
		Counters counters = this.counters;
		int now = counters.inFlight.incrementAndGet();
		counters.peakInFlight.accumulateAndGet(now, Math::max);
		return counters;
	}

	void record(RecordedRequest request) {
		synchronized (this.recorded) {
			this.recorded.add(request);
		}
	}

	/**
	 * Count a request whose response has ended.
	 * @param counters the counters returned by {@link #started()}
	 * @param disconnected whether the client went away before the response was complete
	 */
	void finished(Counters counters, boolean disconnected) {
		this.inFlight.decrementAndGet();
		counters.inFlight.decrementAndGet();
		if (disconnected) {
			counters.disconnects.incrementAndGet();
		}
	}

	/**
	 * Forget the recorded requests and restart the counters (but the number in flight).
	 */
	void reset() {
		this.counters = new Counters();
		synchronized (this.recorded) {
			this.recorded.clear();
		}
	}

	List<RecordedRequest> requests() {
		synchronized (this.recorded) {
			return List.copyOf(this.recorded);
		}
	}

	List<RecordedRequest> requests(String modelId) {
		return requests().stream().filter((request) -> Objects.equals(request.model(), modelId)).toList();
	}

	int requestCount() {
		synchronized (this.recorded) {
			return this.recorded.size();
		}
	}

	int peakInFlight() {
		return this.counters.peakInFlight.get();
	}

	int inFlight() {
		return this.inFlight.get();
	}

	int disconnects() {
		return this.counters.disconnects.get();
	}

	int rateLimitedCount() {
		return this.counters.rateLimited.get();
	}

	/**
	 * Counters between two resets; a request keeps the counters it arrived under, so a
	 * late finisher cannot disturb the next test's numbers.
	 */
	static final class Counters {

		private final AtomicInteger inFlight = new AtomicInteger();

		private final AtomicInteger peakInFlight = new AtomicInteger();

		private final AtomicInteger disconnects = new AtomicInteger();

		private final AtomicInteger rateLimited = new AtomicInteger();

		void rateLimited() {
			this.rateLimited.incrementAndGet();
		}

	}

}
