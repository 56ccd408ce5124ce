package com.cometapi.client.error;

/**
 * The connection failed or was reset: before a response arrived (refused, reset or closed
 * before the status line), or while the body of a response was read.
 *
 * @author CometAPI team
 */
public class CometConnectionException extends CometTransientException {

	private final boolean beforeResponse;

	/**
	 * Create a new instance for a failure before any response byte arrived.
	 * @param message the detail message
	 * @param error the details of the failed exchange
	 * @param decision what the pipeline decided for this failure
	 * @param cause the underlying cause, or {@code null}
	 */
	public CometConnectionException(String message, CometError error, CometErrorDecision decision, Throwable cause) {
		this(message, error, decision, cause, true);
	}

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param error the details of the failed exchange
	 * @param decision what the pipeline decided for this failure
	 * @param cause the underlying cause, or {@code null}
	 * @param beforeResponse whether the connection failed before any response byte
	 * arrived, rather than while a response was read
	 */
	public CometConnectionException(String message, CometError error, CometErrorDecision decision, Throwable cause,
			boolean beforeResponse) {
		super(message, error, decision, cause);
		this.beforeResponse = beforeResponse;
	}

	/**
	 * Whether the connection failed before any response byte arrived: the server sent
	 * nothing, so the attempt cost it no answer. Such failures are retried on their own
	 * short schedule ({@code RetrySettings.connection()}).
	 * @return whether it failed before the response
	 */
	public boolean isBeforeResponse() {
		return this.beforeResponse;
	}

}
