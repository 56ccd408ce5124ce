package com.cometapi.client.error;

/**
 * The model cannot serve this call: it does not exist (404 {@code model_not_found}), has
 * no channel right now (503 {@code no available channel}), or is not allowed for this
 * key. The pipeline moves to the next model of the fallback list.
 *
 * @author CometAPI team
 */
public class CometModelUnavailableException extends CometNonTransientException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param error the details of the failed exchange
	 * @param decision what the pipeline decided for this failure
	 * @param cause the underlying cause, or {@code null}
	 */
	public CometModelUnavailableException(String message, CometError error, CometErrorDecision decision,
			Throwable cause) {
		super(message, error, decision, cause);
	}

}
