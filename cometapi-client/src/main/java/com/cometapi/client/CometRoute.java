package com.cometapi.client;

import java.time.Duration;
import java.util.List;

import com.cometapi.client.resilience.RetrySettings;

/**
 * A named, ordered list of models with its own patience; what
 * {@link CometOperations#route(String)} selects.
 *
 * @param name the route's name
 * @param models the models to try, in order
 * @param retry how each model is retried, or {@code null} for the template's settings
 * @param timeout the call's deadline, or {@code null} for the template's
 * @param hedgeAfter when the current model has not answered in this time, start the next
 * one too and take the first success; {@code null} for no hedging
 * @author CometAPI team
 */
public record CometRoute(String name, List<String> models, RetrySettings retry, Duration timeout, Duration hedgeAfter) {

	/**
	 * Create a new instance.
	 */
	public CometRoute {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("route name must not be blank");
		}
		models = (models != null) ? List.copyOf(models) : List.of();
		if (hedgeAfter != null && (hedgeAfter.isNegative() || hedgeAfter.isZero())) {
			throw new IllegalArgumentException("hedgeAfter of route '" + name + "' must be positive");
		}
	}

	/**
	 * Create a route of models alone, with the template's settings.
	 * @param name the route's name
	 * @param models the models to try, in order
	 * @return the route
	 */
	public static CometRoute of(String name, String... models) {
		return new CometRoute(name, List.of(models), null, null, null);
	}

}
