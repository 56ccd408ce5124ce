package com.cometapi.client.observation;

import java.time.Duration;

import io.micrometer.observation.Observation;

/**
 * Signalled on a streamed call's observation when the first chunk reaches the caller: the
 * time to first token, from the start of the call (queueing, retries and fallbacks
 * included).
 *
 * @param model the model that streams
 * @param timeToFirstChunk the time from the start of the call to the first chunk
 * @author CometAPI team
 */
public record CometFirstChunkEvent(String model, Duration timeToFirstChunk) implements Observation.Event {

	/**
	 * The event's name.
	 */
	public static final String NAME = "cometapi.first_chunk";

	@Override
	public String getName() {
		return NAME;
	}

}
