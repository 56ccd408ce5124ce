package com.cometapi.client;

import org.slf4j.MDC;

import com.cometapi.client.error.LogSafe;

/**
 * Puts a call's request id and model into the SLF4J {@link MDC} around the pipeline's own
 * log lines, and restores what was there after, so that log patterns and JSON encoders
 * can show them ({@code %X{cometapi.request_id}}). Scoped to the logging thread: set and
 * cleared around each line, never left behind on a shared event loop.
 *
 * @author CometAPI team
 */
final class CometLogContext implements AutoCloseable {

	/**
	 * MDC key of CometAPI's request id.
	 */
	static final String REQUEST_ID = "cometapi.request_id";

	/**
	 * MDC key of the model.
	 */
	static final String MODEL = "cometapi.model";

	private static final int MAX_VALUE_LENGTH = 256;

	private final String previousRequestId;

	private final String previousModel;

	private CometLogContext(String requestId, String model) {
		this.previousRequestId = MDC.get(REQUEST_ID);
		this.previousModel = MDC.get(MODEL);
		put(REQUEST_ID, requestId);
		put(MODEL, model);
	}

	/**
	 * Put the request id and model into the MDC until {@link #close()}.
	 * @param requestId the request id, or {@code null}
	 * @param model the model, or {@code null}
	 * @return the scope to close
	 */
	static CometLogContext open(String requestId, String model) {
		return new CometLogContext(requestId, model);
	}

	@Override
	public void close() {
		put(REQUEST_ID, this.previousRequestId);
		put(MODEL, this.previousModel);
	}

	private static void put(String key, String value) {
		if (value != null) {
			MDC.put(key, LogSafe.escape(value, MAX_VALUE_LENGTH));
		}
		else {
			MDC.remove(key);
		}
	}

}
