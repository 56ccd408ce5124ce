package com.cometapi.client.listener;

/**
 * What a {@link CometCallListener} is told about one HTTP attempt of a call, once it has
 * started. Exactly one of its methods is called, once. Methods must not block or throw.
 *
 * @author CometAPI team
 */
public interface AttemptHandle {

	/**
	 * The handle of a listener that ignores attempts; its methods do nothing.
	 */
	AttemptHandle NOOP = new AttemptHandle() {
	};

	/**
	 * The attempt got an answer: for a stream, its first element.
	 * @param requestId CometAPI's request id, or {@code null}
	 */
	default void succeeded(String requestId) {
	}

	/**
	 * The attempt failed.
	 * @param error the failure, usually a
	 * {@link com.cometapi.client.error.CometApiException} (status, decision, request id)
	 */
	default void failed(Throwable error) {
	}

	/**
	 * The attempt was cancelled: by the caller, by a hedge that won, or by the call's
	 * deadline.
	 * @param deadlinePassed whether the call's deadline cancelled it
	 */
	default void cancelled(boolean deadlinePassed) {
	}

}
