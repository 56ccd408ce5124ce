package com.cometapi.client.error;

/**
 * The server or its upstream provider rate-limited the call (429).
 *
 * @author CometAPI team
 */
public class CometRateLimitException extends CometTransientException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param error the details of the failed exchange
	 * @param decision what the pipeline decided for this failure
	 * @param cause the underlying cause, or {@code null}
	 */
	public CometRateLimitException(String message, CometError error, CometErrorDecision decision, Throwable cause) {
		super(message, error, decision, cause);
	}

}
