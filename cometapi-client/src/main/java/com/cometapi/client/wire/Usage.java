package com.cometapi.client.wire;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import com.cometapi.client.observation.CometTokenUsage;

/**
 * The tokens a call used. CometAPI adds fields of its own (such as
 * {@code latency_checkpoint} or {@code claude_cache_creation_5_m_tokens}); they are kept
 * in {@code extras}.
 *
 * @param promptTokens the tokens of the prompt
 * @param completionTokens the tokens of the answer, reasoning included
 * @param totalTokens the sum of both
 * @param promptTokensDetails the break-down of the prompt tokens, or {@code null}
 * @param completionTokensDetails the break-down of the answer tokens, or {@code null}
 * @param extras fields this type does not name, kept as read
 * @author CometAPI team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Usage(@JsonProperty("prompt_tokens") Integer promptTokens,
		@JsonProperty("completion_tokens") Integer completionTokens, @JsonProperty("total_tokens") Integer totalTokens,
		@JsonProperty("prompt_tokens_details") PromptTokensDetails promptTokensDetails,
		@JsonProperty("completion_tokens_details") CompletionTokensDetails completionTokensDetails,
		@CometJson.Extras Map<String, Object> extras) implements CometTokenUsage {

	/**
	 * Create a new instance.
	 */
	public Usage {
		extras = WireCopies.extras(extras);
	}

	/**
	 * The break-down of the prompt tokens.
	 *
	 * @param cachedTokens the prompt tokens read from the provider's cache
	 * @param extras fields this type does not name (such as {@code audio_tokens}), kept
	 * as read
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record PromptTokensDetails(@JsonProperty("cached_tokens") Integer cachedTokens,
			@CometJson.Extras Map<String, Object> extras) {

		/**
		 * Create a new instance.
		 */
		public PromptTokensDetails {
			extras = WireCopies.extras(extras);
		}

	}

	/**
	 * The break-down of the answer tokens.
	 *
	 * @param reasoningTokens the tokens the model spent reasoning
	 * @param extras fields this type does not name, kept as read
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record CompletionTokensDetails(@JsonProperty("reasoning_tokens") Integer reasoningTokens,
			@CometJson.Extras Map<String, Object> extras) {

		/**
		 * Create a new instance.
		 */
		public CompletionTokensDetails {
			extras = WireCopies.extras(extras);
		}

	}

}
