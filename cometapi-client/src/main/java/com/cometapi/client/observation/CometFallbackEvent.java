package com.cometapi.client.observation;

import io.micrometer.observation.Observation;

/**
 * Signalled on a call's observation when the call moves from one model to the next.
 *
 * @param from the model left
 * @param to the model tried next
 * @param reason why the model was left: the HTTP status, {@code TIMEOUT},
 * {@code IO_ERROR} or {@code MALFORMED}
 * @author CometAPI team
 */
public record CometFallbackEvent(String from, String to, String reason) implements Observation.Event {

	/**
	 * The event's name.
	 */
	public static final String NAME = "cometapi.fallback";

	@Override
	public String getName() {
		return NAME;
	}

}
