package com.cometapi.client.error;

/**
 * A stream failed after its first chunk had reached the caller: the server sent an error
 * event, the stream ended without {@code [DONE]} or it grew past
 * {@code cometapi.max-response-size}. Chunks are never replayed, so the call is neither
 * retried nor moved to another model.
 *
 * @author CometAPI team
 */
public class CometStreamException extends CometNonTransientException {

	private final int chunksReceived;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param error the details of the failed exchange
	 * @param chunksReceived how many chunks had reached the caller
	 * @param cause the underlying cause, or {@code null}
	 */
	public CometStreamException(String message, CometError error, int chunksReceived, Throwable cause) {
		super(message, error, CometErrorDecision.FAIL, cause);
		this.chunksReceived = chunksReceived;
	}

	/**
	 * Return how many chunks had reached the caller before the stream broke.
	 * @return the chunk count
	 */
	public int getChunksReceived() {
		return this.chunksReceived;
	}

}
