package com.cometapi.client.error;

/**
 * The connection failed or was reset before a response arrived.
 *
 * @author CometAPI team
 */
public class CometConnectionException extends CometTransientException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param error the details of the failed exchange
	 * @param decision what the pipeline decided for this failure
	 * @param cause the underlying cause, or {@code null}
	 */
	public CometConnectionException(String message, CometError error, CometErrorDecision decision, Throwable cause) {
		super(message, error, decision, cause);
	}

}
