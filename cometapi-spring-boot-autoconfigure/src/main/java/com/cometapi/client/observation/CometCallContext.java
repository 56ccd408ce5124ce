package com.cometapi.client.observation;

import java.math.BigDecimal;

import com.cometapi.client.Usage;
import io.micrometer.observation.Observation;

/**
 * The observation context of one {@code CometTemplate} call, across all its attempts and
 * models.
 *
 * @author CometAPI team
 */
public class CometCallContext extends Observation.Context {

	private final String operation;

	private final String route;

	private final String requestedModel;

	private volatile String servedModel;

	private volatile CometOutcome outcome;

	private volatile int attempts;

	private volatile String requestId;

	private volatile Usage usage;

	private volatile BigDecimal estimatedCost;

	/**
	 * Create a new instance.
	 * @param operation the operation, such as {@code chat}
	 * @param route the route, or {@code null} for the default model list
	 * @param requestedModel the first model the call asks for
	 */
	public CometCallContext(String operation, String route, String requestedModel) {
		this.operation = operation;
		this.route = route;
		this.requestedModel = requestedModel;
	}

	/**
	 * Return the operation, such as {@code chat} or {@code embeddings}.
	 * @return the operation
	 */
	public String getOperation() {
		return this.operation;
	}

	/**
	 * Return the route.
	 * @return the route, or {@code null} for the default model list
	 */
	public String getRoute() {
		return this.route;
	}

	/**
	 * Return the first model the call asked for.
	 * @return the model
	 */
	public String getRequestedModel() {
		return this.requestedModel;
	}

	/**
	 * Return the model that answered.
	 * @return the model, or {@code null} while none has
	 */
	public String getServedModel() {
		return this.servedModel;
	}

	/**
	 * Set the model that answered.
	 * @param servedModel the model
	 */
	public void setServedModel(String servedModel) {
		this.servedModel = servedModel;
	}

	/**
	 * Return how the call ended.
	 * @return the outcome, or {@code null} while it runs
	 */
	public CometOutcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Set how the call ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(CometOutcome outcome) {
		this.outcome = outcome;
	}

	/**
	 * Return the HTTP attempts made so far, across all models.
	 * @return the attempts
	 */
	public int getAttempts() {
		return this.attempts;
	}

	/**
	 * Set the HTTP attempts made, across all models.
	 * @param attempts the attempts
	 */
	public void setAttempts(int attempts) {
		this.attempts = attempts;
	}

	/**
	 * Return CometAPI's request id of the answer or of the last failure.
	 * @return the request id, or {@code null}
	 */
	public String getRequestId() {
		return this.requestId;
	}

	/**
	 * Set CometAPI's request id.
	 * @param requestId the request id
	 */
	public void setRequestId(String requestId) {
		this.requestId = requestId;
	}

	/**
	 * Return the token usage of the answer.
	 * @return the usage, or {@code null}
	 */
	public Usage getUsage() {
		return this.usage;
	}

	/**
	 * Set the token usage of the answer.
	 * @param usage the usage
	 */
	public void setUsage(Usage usage) {
		this.usage = usage;
	}

	/**
	 * Return the estimated cost of the answer in USD.
	 * @return the cost, or {@code null} when the price is unknown
	 */
	public BigDecimal getEstimatedCost() {
		return this.estimatedCost;
	}

	/**
	 * Set the estimated cost of the answer in USD.
	 * @param estimatedCost the cost, or {@code null}
	 */
	public void setEstimatedCost(BigDecimal estimatedCost) {
		this.estimatedCost = estimatedCost;
	}

}
