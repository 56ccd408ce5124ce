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
	 * @return the state; an idle one for a model the limiter has not seen yet
	 */
	LimiterSnapshot snapshot(String model);

}
