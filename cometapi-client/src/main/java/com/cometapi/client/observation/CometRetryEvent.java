package com.cometapi.client.observation;

import io.micrometer.observation.Observation;

/**
 * Signalled on a call's observation when a failed attempt is retried on the same model.
 *
 * @param model the model retried
 * @param reason why: the HTTP status, {@code TIMEOUT}, {@code IO_ERROR} or
 * {@code MALFORMED}
 * @author CometAPI team
 */
public record CometRetryEvent(String model, String reason) implements Observation.Event {

	/**
	 * The event's name.
	 */
	public static final String NAME = "cometapi.retry";

	@Override
	public String getName() {
		return NAME;
	}

}
