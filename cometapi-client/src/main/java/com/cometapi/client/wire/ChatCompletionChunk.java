package com.cometapi.client.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import com.cometapi.client.observation.CometAnswer;

/**
 * One chunk of a streamed chat completion. With {@code stream_options.include_usage} the
 * last chunk has no choices and carries the {@link Usage}; see {@link #isUsageOnly()}.
 *
 * @param id the completion id, the same in every chunk
 * @param object {@code chat.completion.chunk}
 * @param created when the answer was made, in seconds since the epoch
 * @param model the model that answers
 * @param systemFingerprint the provider's back-end configuration, or {@code null}
 * @param choices the deltas of the choices, or {@code null}
 * @param usage the tokens the call used, in the usage-only chunk; otherwise {@code null}
 * @param extras fields this type does not name (such as {@code obfuscation}), kept as
 * read
 * @author CometAPI team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionChunk(@JsonProperty("id") String id, @JsonProperty("object") String object,
		@JsonProperty("created") Long created, @JsonProperty("model") String model,
		@JsonProperty("system_fingerprint") String systemFingerprint,
		@JsonProperty("choices") List<ChunkChoice> choices, @JsonProperty("usage") Usage usage,
		@CometJson.Extras Map<String, Object> extras) implements CometAnswer {

	/**
	 * Create a new instance.
	 */
	public ChatCompletionChunk {
		choices = WireCopies.list(choices);
		extras = WireCopies.extras(extras);
	}

	/**
	 * Return the piece of text the first choice adds.
	 * @return the text, or {@code null} when this chunk adds none
	 */
	public String contentDelta() {
		if (this.choices == null || this.choices.isEmpty()) {
			return null;
		}
		ChunkChoice choice = this.choices.get(0);
		return (choice != null && choice.delta() != null) ? choice.delta().text() : null;
	}

	/**
	 * Whether this is the usage-only chunk that ends a stream: no choices, and usage.
	 * @return {@code true} for the usage-only chunk
	 */
	@JsonIgnore
	public boolean isUsageOnly() {
		return (this.choices == null || this.choices.isEmpty()) && this.usage != null;
	}

	/**
	 * The delta of one choice in a chunk.
	 *
	 * @param index the position of the choice
	 * @param delta what the chunk adds: a piece of content, the role (first chunk), or
	 * pieces of tool calls
	 * @param logprobs the log probabilities, as sent, when asked for; otherwise
	 * {@code null}
	 * @param finishReason why the model stopped, in the choice's last chunk; otherwise
	 * {@code null}
	 * @param extras fields this type does not name, kept as read
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ChunkChoice(@JsonProperty("index") Integer index, @JsonProperty("delta") ChatMessage delta,
			@JsonProperty("logprobs") JsonNode logprobs, @JsonProperty("finish_reason") String finishReason,
			@CometJson.Extras Map<String, Object> extras) {

		/**
		 * Create a new instance.
		 */
		public ChunkChoice {
			logprobs = (logprobs != null && !logprobs.isNull()) ? logprobs : null;
			extras = WireCopies.extras(extras);
		}

	}

	/**
	 * Return the finish reason of each choice that has one, in order.
	 * @return the finish reasons, empty when none
	 */
	@Override
	public List<String> finishReasons() {
		if (this.choices == null) {
			return List.of();
		}
		List<String> reasons = new ArrayList<>(this.choices.size());
		for (ChunkChoice choice : this.choices) {
			if (choice != null && choice.finishReason() != null) {
				reasons.add(choice.finishReason());
			}
		}
		return reasons;
	}

}
