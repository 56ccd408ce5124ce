package com.cometapi.client.error;

/**
 * A stream ran out of time after its first chunk had reached the caller: no chunk arrived
 * within the idle timeout ({@code cometapi.stream.idle-timeout}), or the stream was still
 * running when the call's deadline ({@code cometapi.timeout}, the route's or the
 * builder's) passed. The connection is closed; the call is neither retried nor moved to
 * another model.
 *
 * @author CometAPI team
 */
public class CometStreamTimeoutException extends CometStreamException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param error the details of the failed exchange
	 * @param chunksReceived how many chunks had reached the caller
	 * @param cause the underlying cause, or {@code null}
	 */
	public CometStreamTimeoutException(String message, CometError error, int chunksReceived, Throwable cause) {
		super(message, error, chunksReceived, cause);
	}

}
