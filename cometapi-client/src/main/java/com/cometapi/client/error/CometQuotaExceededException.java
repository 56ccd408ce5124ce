package com.cometapi.client.error;

/**
 * The account's balance or quota is spent (429 {@code insufficient_quota}); no retry can
 * fix it.
 *
 * @author CometAPI team
 */
public class CometQuotaExceededException extends CometNonTransientException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param error the details of the failed exchange
	 * @param decision what the pipeline decided for this failure
	 * @param cause the underlying cause, or {@code null}
	 */
	public CometQuotaExceededException(String message, CometError error, CometErrorDecision decision, Throwable cause) {
		super(message, error, decision, cause);
	}

}
