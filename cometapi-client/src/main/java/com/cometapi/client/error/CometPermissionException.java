package com.cometapi.client.error;

/**
 * The key may not do this (403).
 *
 * @author CometAPI team
 */
public class CometPermissionException extends CometNonTransientException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param error the details of the failed exchange
	 * @param decision what the pipeline decided for this failure
	 * @param cause the underlying cause, or {@code null}
	 */
	public CometPermissionException(String message, CometError error, CometErrorDecision decision, Throwable cause) {
		super(message, error, decision, cause);
	}

}
