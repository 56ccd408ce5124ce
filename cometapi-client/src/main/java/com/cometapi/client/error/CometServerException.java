package com.cometapi.client.error;

/**
 * The server failed (500, 502, 503, 504, 524 and other 5xx).
 *
 * @author CometAPI team
 */
public class CometServerException extends CometTransientException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param error the details of the failed exchange
	 * @param decision what the pipeline decided for this failure
	 * @param cause the underlying cause, or {@code null}
	 */
	public CometServerException(String message, CometError error, CometErrorDecision decision, Throwable cause) {
		super(message, error, decision, cause);
	}

}
