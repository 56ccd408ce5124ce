package com.cometapi.client.resilience;

/**
 * Implemented by a {@link CometLimiter} that can say how full it is, so that its state
 * can be published as gauges and used by health checks. Reading it must be cheap and must
 * not block: it is called on every metrics scrape and health probe.
 *
 * @author CometAPI team
 */
public interface CometLimiterMetrics {

	/**
	 * Return the limiter's state for one model.
	 * @param model the model
	 * @return the state; {@link LimiterSnapshot#IDLE} for a model the limiter has not
	 * seen yet
	 */
	LimiterSnapshot snapshot(String model);

	/**
	 * The state of a limiter for one model at one instant.
	 *
	 * @param inFlight requests holding a permit
	 * @param queued requests waiting for a permit
	 * @param limit the current limit of requests in flight, {@code Integer.MAX_VALUE}
	 * when unlimited
	 */
	record LimiterSnapshot(int inFlight, int queued, int limit) {

		/**
		 * The state of a limiter that has seen no request for a model.
		 */
		public static final LimiterSnapshot IDLE = new LimiterSnapshot(0, 0, Integer.MAX_VALUE);

		/**
		 * Whether every permit is taken and requests wait.
		 * @return {@code true} when saturated
		 */
		public boolean saturated() {
			return this.queued > 0 && this.inFlight >= this.limit;
		}

	}

}
