package com.cometapi.client.error;

/**
 * Root of failures that may go away by themselves: rate limits, server errors, timeouts,
 * broken connections.
 *
 * @author CometAPI team
 */
public abstract class CometTransientException extends CometApiException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param error the details of the failed exchange
	 * @param decision what the pipeline decided for this failure
	 * @param cause the underlying cause, or {@code null}
	 */
	protected CometTransientException(String message, CometError error, CometErrorDecision decision, Throwable cause) {
		super(message, error, decision, cause);
	}

}
