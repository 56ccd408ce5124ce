package com.cometapi.client.resilience;

/**
 * The state of one model's limiter at one moment, for gauges and health checks.
 *
 * @param model the model
 * @param inFlight requests holding a permit
 * @param queued calls waiting for a permit
 * @param limit current limit of requests in flight (the adaptive limit, or
 * {@code maxInFlight})
 * @param maxInFlight configured most requests in flight
 * @param requestsPerSecond current request rate limit (configured or learnt from 429s),
 * or {@code 0} when requests are not paced
 * @author CometAPI team
 */
public record LimiterSnapshot(String model, int inFlight, int queued, int limit, int maxInFlight,
		double requestsPerSecond) {

	/**
	 * Whether every permit is taken and calls wait.
	 * @return {@code true} when saturated
	 */
	public boolean saturated() {
		return this.queued > 0 && this.inFlight >= this.limit;
	}

}
