package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.List;

/**
 * What one call may do: the models to walk in order and the limits of its patience.
 *
 * @param operation the operation, such as {@code chat} or {@code embeddings}
 * @param route the route's name, or {@code null} for the default model list
 * @param models the models to try, in order; not empty
 * @param retry how each model is retried
 * @param timeout the call's deadline: no attempt and no backoff runs past it
 * @param hedgeAfter when the current model has not answered in this time, start the next
 * one too and take the first success; {@code null} for no hedging
 * @author CometAPI team
 */
public record CallPlan(String operation, String route, List<String> models, RetrySettings retry, Duration timeout,
		Duration hedgeAfter) {

	/**
	 * Create a new instance, checking every value.
	 */
	public CallPlan {
		if (models == null || models.isEmpty()) {
			throw new IllegalArgumentException("models must not be empty");
		}
		models = List.copyOf(models);
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive, was " + timeout);
		}
	}

}
