package com.cometapi.client.error;

/**
 * Root of every exception a {@code CometTemplate} call ends with. Carries the HTTP
 * status, the error type and code, CometAPI's request id, the model the call asked for,
 * what the pipeline decided to do about it and the first kilobyte of the raw body. Never
 * carries the API key. The message is {@link LogSafe#escape escaped}: a model name or
 * server message in it cannot break a log line.
 * <p>
 * Two branches say whether trying again may help: {@link CometTransientException} and
 * {@link CometNonTransientException}, in the manner of Spring's
 * {@code DataAccessException}.
 *
 * @author CometAPI team
 */
public abstract class CometApiException extends RuntimeException {

	private static final int MAX_MESSAGE_LENGTH = 4096;

	private final CometError error;

	private final CometErrorDecision decision;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param error the details of the failed exchange
	 * @param decision what the pipeline decided for this failure
	 * @param cause the underlying cause, or {@code null}
	 */
	protected CometApiException(String message, CometError error, CometErrorDecision decision, Throwable cause) {
		super(LogSafe.escape(message, MAX_MESSAGE_LENGTH), cause);
		this.error = error;
		this.decision = decision;
	}

	/**
	 * Return the details of the failed exchange.
	 * @return the details
	 */
	public CometError getError() {
		return this.error;
	}

	/**
	 * Return the HTTP status, or {@code 0} when no response arrived.
	 * @return the status
	 */
	public int getStatus() {
		return this.error.status();
	}

	/**
	 * Return the error envelope's {@code type}.
	 * @return the type, or {@code null}
	 */
	public String getErrorType() {
		return this.error.type();
	}

	/**
	 * Return the error envelope's {@code code}.
	 * @return the code, or {@code null}
	 */
	public String getErrorCode() {
		return this.error.code();
	}

	/**
	 * Return CometAPI's request id, to quote when asking CometAPI's support.
	 * @return the request id, or {@code null} when none was sent
	 */
	public String getRequestId() {
		return this.error.requestId();
	}

	/**
	 * Return the model the failed attempt asked for.
	 * @return the model, or {@code null}
	 */
	public String getModel() {
		return this.error.model();
	}

	/**
	 * Return the first kilobyte of the response body as received (HTML and truncated
	 * bodies included).
	 * @return the excerpt, or {@code null} when there was no body
	 */
	public String getBodyExcerpt() {
		return this.error.bodyExcerpt();
	}

	/**
	 * Return what the call pipeline decided for this failure.
	 * @return the decision
	 */
	public CometErrorDecision getDecision() {
		return this.decision;
	}

	/**
	 * Whether retrying the same model could help.
	 * @return {@code true} when the decision is {@link CometErrorDecision#RETRY}
	 */
	public boolean isRetryable() {
		return this.decision == CometErrorDecision.RETRY;
	}

}
