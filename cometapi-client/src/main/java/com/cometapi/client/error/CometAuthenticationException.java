package com.cometapi.client.error;

/**
 * The API key was refused (401). Check {@code cometapi.api-key} or {@code COMETAPI_KEY}.
 *
 * @author CometAPI team
 */
public class CometAuthenticationException extends CometNonTransientException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param error the details of the failed exchange
	 * @param decision what the pipeline decided for this failure
	 * @param cause the underlying cause, or {@code null}
	 */
	public CometAuthenticationException(String message, CometError error, CometErrorDecision decision,
			Throwable cause) {
		super(message, error, decision, cause);
	}

}
