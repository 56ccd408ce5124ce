package com.cometapi.client.error;

/**
 * A successful status came with a body that is not what the endpoint answers (truncated
 * or not JSON).
 *
 * @author CometAPI team
 */
public class CometMalformedResponseException extends CometTransientException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param error the details of the failed exchange
	 * @param decision what the pipeline decided for this failure
	 * @param cause the underlying cause, or {@code null}
	 */
	public CometMalformedResponseException(String message, CometError error, CometErrorDecision decision,
			Throwable cause) {
		super(message, error, decision, cause);
	}

}
