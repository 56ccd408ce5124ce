package com.cometapi.client.error;

/**
 * No response arrived in time: connect, response, first-chunk or idle timeout, or the
 * call's deadline.
 *
 * @author CometAPI team
 */
public class CometTimeoutException extends CometTransientException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param error the details of the failed exchange
	 * @param decision what the pipeline decided for this failure
	 * @param cause the underlying cause, or {@code null}
	 */
	public CometTimeoutException(String message, CometError error, CometErrorDecision decision, Throwable cause) {
		super(message, error, decision, cause);
	}

}
