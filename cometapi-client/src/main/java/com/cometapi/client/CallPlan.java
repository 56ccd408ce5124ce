package com.cometapi.client;

import java.time.Duration;
import java.util.List;

import com.cometapi.client.resilience.RetrySettings;

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
 * @param attemptTimeout how long one attempt may take before it fails (the response
 * timeout, or a stream's first-chunk timeout): a model is retried only while the backoff
 * and this much more fit in what is left of the deadline, unless no model follows it;
 * {@code null} when unknown
 * @param request the body the call sends, for its observation to read the request's
 * parameters from; {@code null} when unknown
 * @author CometAPI team
 */
record CallPlan(String operation, String route, List<String> models, RetrySettings retry, Duration timeout,
		Duration hedgeAfter, Duration attemptTimeout, Object request) {

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

	/**
	 * Create a new instance whose request is unknown.
	 * @param operation the operation
	 * @param route the route's name, or {@code null}
	 * @param models the models to try, in order
	 * @param retry how each model is retried
	 * @param timeout the call's deadline
	 * @param hedgeAfter when to start the next model too, or {@code null}
	 * @param attemptTimeout how long one attempt may take, or {@code null}
	 */
	public CallPlan(String operation, String route, List<String> models, RetrySettings retry, Duration timeout,
			Duration hedgeAfter, Duration attemptTimeout) {
		this(operation, route, models, retry, timeout, hedgeAfter, attemptTimeout, null);
	}

	/**
	 * Create a new instance whose attempt timeout is unknown.
	 * @param operation the operation
	 * @param route the route's name, or {@code null}
	 * @param models the models to try, in order
	 * @param retry how each model is retried
	 * @param timeout the call's deadline
	 * @param hedgeAfter when to start the next model too, or {@code null}
	 */
	public CallPlan(String operation, String route, List<String> models, RetrySettings retry, Duration timeout,
			Duration hedgeAfter) {
		this(operation, route, models, retry, timeout, hedgeAfter, null, null);
	}

	/**
	 * Return a copy of this plan that sends the given request.
	 * @param request the body the call sends
	 * @return the copy
	 */
	public CallPlan withRequest(Object request) {
		return new CallPlan(this.operation, this.route, this.models, this.retry, this.timeout, this.hedgeAfter,
				this.attemptTimeout, request);
	}

	/**
	 * Return a copy of this plan that does not hedge.
	 * @return the copy, or this plan when it does not hedge
	 */
	public CallPlan withoutHedging() {
		return (this.hedgeAfter != null) ? new CallPlan(this.operation, this.route, this.models, this.retry,
				this.timeout, null, this.attemptTimeout, this.request) : this;
	}

}
