package com.cometapi.client.resilience;

import reactor.core.publisher.Mono;

/**
 * Holds calls back before they leave the application. A call asks for a {@link Permit}
 * per model and HTTP attempt, waits for it without blocking a thread, and gives it back
 * exactly once when the attempt ends however it ends (success, error, timeout or
 * cancellation). A retry is a new request and takes a new permit; a backoff holds none.
 *
 * @author CometAPI team
 */
public interface CometLimiter {

	/**
	 * Ask for a permit to send one request to the given model. Cancelling the returned
	 * {@code Mono} while it waits leaves the queue.
	 * @param model the model the request is for
	 * @return a {@code Mono} that emits the permit when granted, or fails with a
	 * {@link com.cometapi.client.error.CometLimiterRejectedException}
	 */
	Mono<Permit> acquire(String model);

	/**
	 * Forget what was learnt from earlier requests (adapted limits, learnt pace), as if
	 * no request had been made; calls in flight finish under the old state. Does nothing
	 * by default.
	 */
	default void reset() {
	}

	/**
	 * Return a limiter that grants every permit at once.
	 * @return the limiter
	 */
	static CometLimiter unlimited() {
		return UnlimitedLimiter.INSTANCE;
	}

	/**
	 * A granted permit. {@link #release(Outcome)} is idempotent: only the first call
	 * counts.
	 */
	interface Permit {

		/**
		 * Give the permit back and say how the request ended, which an adaptive limiter
		 * learns from.
		 * @param outcome how the request ended
		 */
		void release(Outcome outcome);

	}

	/**
	 * How a request that held a permit ended.
	 */
	enum Outcome {

		/**
		 * The server answered.
		 */
		SUCCESS,

		/**
		 * The server answered 429 (not a spent quota): the limit may be too high.
		 */
		RATE_LIMITED,

		/**
		 * The request failed for another reason.
		 */
		FAILED,

		/**
		 * The caller went away before the request ended.
		 */
		CANCELLED

	}

}
