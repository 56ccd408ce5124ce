package com.cometapi.client.wire;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a call was served: which model answered, which were tried before it and why, how
 * many HTTP attempts it took in all, and CometAPI's request id of the answer.
 *
 * @param route the route the call used, or {@code null} for the default model list
 * @param requestedModel the first model the call asked for
 * @param servedModel the model that answered, as the call asked for it (the response's
 * own {@code model} field may name a dated snapshot instead)
 * @param requestId CometAPI's request id of the answer, or {@code null}
 * @param attempts the HTTP attempts of the whole call, across all models
 * @param modelsTriedBefore the models left before {@code servedModel}, in order: those
 * that failed, and those skipped without a request because they were cooling down
 * ({@link FailedModel#skipped()})
 * @param duration the time from subscription to the answer
 * @param estimatedCost the estimated cost in USD, or {@code null} when the price is
 * unknown
 * @author CometAPI team
 */
public record CallResult(String route, String requestedModel, String servedModel, String requestId, int attempts,
		List<FailedModel> modelsTriedBefore, Duration duration, BigDecimal estimatedCost) {

	/**
	 * Create a new instance.
	 */
	public CallResult {
		modelsTriedBefore = (modelsTriedBefore != null) ? List.copyOf(modelsTriedBefore) : List.of();
	}

	/**
	 * Whether a model other than the first one answered, including when the first one was
	 * skipped.
	 * @return {@code true} when the call fell back
	 */
	public boolean fellBack() {
		return !this.modelsTriedBefore.isEmpty();
	}

	/**
	 * Return the estimated cost in USD.
	 * @return the cost, or empty when the price of the served model is unknown
	 */
	public Optional<BigDecimal> cost() {
		return Optional.ofNullable(this.estimatedCost);
	}

	/**
	 * Return a copy with the given estimated cost.
	 * @param cost the cost in USD, or {@code null}
	 * @return the copy
	 */
	public CallResult withEstimatedCost(BigDecimal cost) {
		return new CallResult(this.route, this.requestedModel, this.servedModel, this.requestId, this.attempts,
				this.modelsTriedBefore, this.duration, cost);
	}

}
