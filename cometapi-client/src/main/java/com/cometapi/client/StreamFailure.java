package com.cometapi.client;

/**
 * Why a stream could not go on, before it is known whether a chunk had reached the
 * caller; {@link CometStreamExchange} turns it into the right typed exception.
 *
 * @author CometAPI team
 */
final class StreamFailure extends RuntimeException {

	enum Kind {

		ERROR_EVENT, MALFORMED, NO_DONE, TOO_LARGE

	}

	private final Kind kind;

	private final String data;

	StreamFailure(Kind kind, String message, String data, Throwable cause) {
		super(message, cause, false, false);
		this.kind = kind;
		this.data = data;
	}

	Kind kind() {
		return this.kind;
	}

	String data() {
		return this.data;
	}

}
