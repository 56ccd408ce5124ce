package com.cometapi.client.error;

/**
 * Root of failures that stay until something is changed: the request, the key, the
 * balance or the model list.
 *
 * @author CometAPI team
 */
public abstract class CometNonTransientException extends CometApiException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param error the details of the failed exchange
	 * @param decision what the pipeline decided for this failure
	 * @param cause the underlying cause, or {@code null}
	 */
	protected CometNonTransientException(String message, CometError error, CometErrorDecision decision,
			Throwable cause) {
		super(message, error, decision, cause);
	}

}
