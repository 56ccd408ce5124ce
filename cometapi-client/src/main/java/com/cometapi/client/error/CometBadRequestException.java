package com.cometapi.client.error;

/**
 * The request is wrong: 400, 413, 422, a 500 that reports {@code invalid_request}, or
 * another 4xx that no other type names. Fix the request; retrying or another model would
 * hide it.
 *
 * @author CometAPI team
 */
public class CometBadRequestException extends CometNonTransientException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param error the details of the failed exchange
	 * @param decision what the pipeline decided for this failure
	 * @param cause the underlying cause, or {@code null}
	 */
	public CometBadRequestException(String message, CometError error, CometErrorDecision decision, Throwable cause) {
		super(message, error, decision, cause);
	}

}
