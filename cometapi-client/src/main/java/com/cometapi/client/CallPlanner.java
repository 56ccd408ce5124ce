package com.cometapi.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import com.cometapi.client.error.CometValidationException;
import com.cometapi.client.resilience.RetrySettings;

/**
 * Decides which models a call walks and with what patience: the request's model and its
 * fallback models when it names one (each model once, at its first place), else the
 * route's models.
 *
 * @author CometAPI team
 */
final class CallPlanner {

	private final CometRoute route;

	private final RetrySettings retry;

	private final Duration timeout;

	private final String routeTag;

	CallPlanner(CometRoute route, RetrySettings defaultRetry, Duration defaultTimeout) {
		this.route = route;
		this.retry = (route.retry() != null) ? route.retry() : defaultRetry;
		this.timeout = (route.timeout() != null) ? route.timeout() : defaultTimeout;
		this.routeTag = "default".equals(route.name()) ? null : route.name();
	}

	RetrySettings retry() {
		return this.retry;
	}

	CallPlan plan(String operation, String requestModel, List<String> fallbackModels, Duration attemptTimeout) {
		List<String> models;
		if (requestModel != null && !requestModel.isBlank()) {
			if (fallbackModels == null || fallbackModels.isEmpty()) {
				models = List.of(requestModel);
			}
			else {
				LinkedHashSet<String> distinct = new LinkedHashSet<>(fallbackModels.size() + 1);
				distinct.add(requestModel);
				distinct.addAll(fallbackModels);
				models = new ArrayList<>(distinct);
			}
		}
		else {
			models = this.route.models();
		}
		if (models.isEmpty()) {
			throw new CometValidationException(null,
					List.of("model must not be blank: name one on the request, in cometapi.models or in route '"
							+ this.route.name() + "'"));
		}
		return new CallPlan(operation, this.routeTag, models, this.retry, this.timeout, this.route.hedgeAfter(),
				attemptTimeout);
	}

}
