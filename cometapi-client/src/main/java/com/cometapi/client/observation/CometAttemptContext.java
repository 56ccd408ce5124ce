package com.cometapi.client.observation;

import com.cometapi.client.error.CometErrorDecision;
import io.micrometer.observation.Observation;

/**
 * The observation context of one HTTP attempt of a call.
 *
 * @author CometAPI team
 */
public class CometAttemptContext extends Observation.Context {

	private final CometCallContext call;

	private final String model;

	private final int attempt;

	private volatile int status;

	private volatile String failure;

	private volatile String decision;

	private volatile String requestId;

	/**
	 * Create a new instance.
	 * @param call the call this attempt belongs to
	 * @param model the model asked for
	 * @param attempt the attempt's number within the call, from {@code 1}
	 */
	public CometAttemptContext(CometCallContext call, String model, int attempt) {
		this.call = call;
		this.model = model;
		this.attempt = attempt;
	}

	/**
	 * Return the call this attempt belongs to.
	 * @return the call's context
	 */
	public CometCallContext getCall() {
		return this.call;
	}

	/**
	 * Return the model asked for.
	 * @return the model
	 */
	public String getModel() {
		return this.model;
	}

	/**
	 * Return the attempt's number within the call, from {@code 1}.
	 * @return the number
	 */
	public int getAttempt() {
		return this.attempt;
	}

	/**
	 * Return the HTTP status.
	 * @return the status, or {@code 0} when no response arrived
	 */
	public int getStatus() {
		return this.status;
	}

	/**
	 * Return how the attempt failed without a response: {@code TIMEOUT} or
	 * {@code IO_ERROR}.
	 * @return the failure, or {@code null}
	 */
	public String getFailure() {
		return this.failure;
	}

	/**
	 * Return what the pipeline decided: {@code success}, {@code retry},
	 * {@code next_model} or {@code fail}.
	 * @return the decision, or {@code null} while the attempt runs
	 */
	public String getDecision() {
		return this.decision;
	}

	/**
	 * Return CometAPI's request id.
	 * @return the request id, or {@code null}
	 */
	public String getRequestId() {
		return this.requestId;
	}

	/**
	 * Record a response.
	 * @param status the HTTP status
	 * @param requestId the request id, or {@code null}
	 */
	public void recordResponse(int status, String requestId) {
		this.status = status;
		this.requestId = requestId;
		this.decision = "success";
	}

	/**
	 * Record a failure.
	 * @param status the HTTP status, or {@code 0} when no response arrived
	 * @param failure {@code TIMEOUT} or {@code IO_ERROR} when no response arrived, else
	 * {@code null}
	 * @param decision the classifier's decision
	 * @param requestId the request id, or {@code null}
	 */
	public void recordFailure(int status, String failure, CometErrorDecision decision, String requestId) {
		this.status = status;
		this.failure = failure;
		this.requestId = requestId;
		this.decision = switch (decision) {
			case RETRY -> "retry";
			case NEXT_MODEL -> "next_model";
			case FAIL -> "fail";
		};
	}

}
