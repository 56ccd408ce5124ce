package com.cometapi.client.wire;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One answer of a chat completion.
 *
 * @param index the position of the choice
 * @param message the model's message
 * @param logprobs the log probabilities, as sent, when asked for; otherwise {@code null}
 * @param finishReason why the model stopped: {@code stop}, {@code length},
 * {@code tool_calls}, {@code content_filter}
 * @param extras fields this type does not name, kept as read
 * @author CometAPI team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Choice(@JsonProperty("index") Integer index, @JsonProperty("message") ChatMessage message,
		@JsonProperty("logprobs") JsonNode logprobs, @JsonProperty("finish_reason") String finishReason,
		@CometJson.Extras Map<String, Object> extras) {

	/**
	 * Create a new instance.
	 */
	public Choice {
		logprobs = (logprobs != null && !logprobs.isNull()) ? logprobs : null;
		extras = WireCopies.extras(extras);
	}

}
