package com.cometapi.client.error;

/**
 * A response body, or a stream's bytes, came to more than the client reads
 * ({@code cometapi.max-response-size}). The same request would be as large again, so the
 * call fails at once, keeping the status and request id of the response.
 *
 * @author CometAPI team
 */
public class CometResponseTooLargeException extends CometNonTransientException {

	private final long limitBytes;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param error the details of the failed exchange
	 * @param limitBytes the size limit that was passed, in bytes
	 * @param cause the underlying cause, or {@code null}
	 */
	public CometResponseTooLargeException(String message, CometError error, long limitBytes, Throwable cause) {
		super(message, error, CometErrorDecision.FAIL, cause);
		this.limitBytes = limitBytes;
	}

	/**
	 * Return the size limit that was passed.
	 * @return the limit in bytes
	 */
	public long getLimitBytes() {
		return this.limitBytes;
	}

}
