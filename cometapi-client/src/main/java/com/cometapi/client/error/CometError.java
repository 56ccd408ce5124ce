package com.cometapi.client.error;

/**
 * What is known about one failed CometAPI exchange: the HTTP status, the fields of the
 * error envelope, the request id and the first kilobyte of the raw body. Never holds the
 * API key.
 *
 * @param status the HTTP status, or {@code 0} when no response arrived
 * @param type the error envelope's {@code type}, or {@code null}
 * @param code the error envelope's {@code code} as text, or {@code null} (numbers are
 * rendered as text, an empty code is {@code null})
 * @param message the error envelope's {@code message}, or a description of the failure
 * @param requestId CometAPI's request id (header first, else the last one in the
 * message), or {@code null}
 * @param model the model the failed attempt asked for, or {@code null}
 * @param bodyExcerpt the first kilobyte of the response body as received, or {@code null}
 * @param retryAfterMillis the delay the server asked for in {@code Retry-After} or
 * {@code retry-after-ms}, or {@code -1} when it asked for none
 * @author CometAPI team
 */
public record CometError(int status, String type, String code, String message, String requestId, String model,
		String bodyExcerpt, long retryAfterMillis) {

	/**
	 * Create details of a failure that produced no HTTP response.
	 * @param message what went wrong
	 * @param model the model asked for
	 * @return the details
	 */
	public static CometError noResponse(String message, String model) {
		return new CometError(0, null, null, message, null, model, null, -1);
	}

	/**
	 * Return a copy that names another model.
	 * @param model the model
	 * @return the copy
	 */
	public CometError withModel(String model) {
		return new CometError(this.status, this.type, this.code, this.message, this.requestId, model, this.bodyExcerpt,
				this.retryAfterMillis);
	}

	/**
	 * Whether the type or code contains the given text, ignoring case.
	 * @param text the text to look for
	 * @return whether either contains it
	 */
	public boolean typeOrCodeContains(String text) {
		return contains(this.type, text) || contains(this.code, text);
	}

	/**
	 * Whether the message contains the given text, ignoring case.
	 * @param text the text to look for
	 * @return whether the message contains it
	 */
	public boolean messageContains(String text) {
		return contains(this.message, text);
	}

	private static boolean contains(String value, String text) {
		return value != null && value.toLowerCase(java.util.Locale.ROOT).contains(text);
	}

}
