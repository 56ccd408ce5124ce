package com.cometapi.client.observation;

import java.util.Locale;

/**
 * How a whole call ended; the value of the {@code cometapi.outcome} tag.
 *
 * @author CometAPI team
 */
public enum CometOutcome {

	/**
	 * The first model answered.
	 */
	SUCCESS,

	/**
	 * A model after the first one answered.
	 */
	FALLBACK_SUCCESS,

	/**
	 * The request or the key was wrong (including client-side validation); nothing else
	 * was tried.
	 */
	CLIENT_ERROR,

	/**
	 * Every model failed.
	 */
	EXHAUSTED,

	/**
	 * The client's own limiter refused the call.
	 */
	REJECTED,

	/**
	 * The call's deadline passed.
	 */
	TIMEOUT,

	/**
	 * The caller cancelled the call.
	 */
	CANCELLED,

	/**
	 * A stream failed after its first chunk had reached the caller.
	 */
	STREAM_BROKEN;

	/**
	 * Return the tag value, such as {@code fallback_success}.
	 * @return the tag value
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
