package com.cometapi.client.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import com.cometapi.client.observation.CometChatParameters;

/**
 * A chat completion request ({@code POST /v1/chat/completions}), in the OpenAI shape.
 * <p>
 * Build one with {@link #builder()} or {@link #of(String, String)}. Every field but
 * {@code model} and {@code messages} is optional: {@code null} fields are not sent.
 * Fields this type does not name go in {@code extras} and are sent flat, next to the
 * named ones. {@code fallbackModels} is not sent: it tells the client which models to try
 * after {@code model}.
 *
 * @param model the model to call first
 * @param messages the conversation so far, never {@code null}
 * @param temperature the sampling temperature, 0 to 2
 * @param topP the nucleus sampling mass, 0 to 1
 * @param n how many choices to generate, 1 to 128
 * @param stop up to four sequences where the model stops
 * @param maxTokens the most tokens to generate (older models)
 * @param maxCompletionTokens the most tokens to generate, reasoning included
 * @param presencePenalty the presence penalty, -2 to 2
 * @param frequencyPenalty the frequency penalty, -2 to 2
 * @param logitBias token id to bias, -100 to 100
 * @param logprobs whether to return the log probabilities of the output tokens
 * @param topLogprobs how many most likely tokens to return at each position, 0 to 20
 * (needs {@code logprobs})
 * @param seed the seed for best-effort deterministic sampling
 * @param user an id of the end user
 * @param stream whether to stream the answer as server-sent events
 * @param streamOptions options of a streamed call (needs {@code stream})
 * @param tools the tools the model may call
 * @param toolChoice which tool the model may or must call
 * @param parallelToolCalls whether the model may call several tools at once
 * @param responseFormat the format the model must answer in
 * @param reasoningEffort the reasoning effort of reasoning models, such as {@code low},
 * {@code medium} or {@code high}
 * @param extras fields this type does not name, sent flat; never {@code null}
 * @param fallbackModels models to try after {@code model}, in order; empty means no
 * fallback; never sent and never {@code null}
 * @author CometAPI team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatRequest(@JsonProperty("model") String model, @JsonProperty("messages") List<ChatMessage> messages,
		@JsonProperty("temperature") Double temperature, @JsonProperty("top_p") Double topP,
		@JsonProperty("n") Integer n,
		@JsonProperty("stop") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> stop,
		@JsonProperty("max_tokens") Integer maxTokens,
		@JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
		@JsonProperty("presence_penalty") Double presencePenalty,
		@JsonProperty("frequency_penalty") Double frequencyPenalty,
		@JsonProperty("logit_bias") Map<String, Integer> logitBias, @JsonProperty("logprobs") Boolean logprobs,
		@JsonProperty("top_logprobs") Integer topLogprobs, @JsonProperty("seed") Long seed,
		@JsonProperty("user") String user, @JsonProperty("stream") Boolean stream,
		@JsonProperty("stream_options") StreamOptions streamOptions, @JsonProperty("tools") List<Tool> tools,
		@JsonProperty("tool_choice") ToolChoice toolChoice,
		@JsonProperty("parallel_tool_calls") Boolean parallelToolCalls,
		@JsonProperty("response_format") ResponseFormat responseFormat,
		@JsonProperty("reasoning_effort") String reasoningEffort, @CometJson.Extras Map<String, Object> extras,
		@JsonIgnore List<String> fallbackModels) implements CometChatParameters {

	/**
	 * Create a new instance.
	 */
	public ChatRequest {
		messages = (messages != null) ? WireCopies.list(messages) : List.of();
		stop = WireCopies.list(stop);
		logitBias = WireCopies.map(logitBias);
		tools = WireCopies.list(tools);
		extras = WireCopies.extras(extras);
		fallbackModels = (fallbackModels != null) ? WireCopies.list(fallbackModels) : List.of();
	}

	/**
	 * Create a request with one user message.
	 * @param model the model
	 * @param prompt the user's message
	 * @return the request
	 */
	public static ChatRequest of(String model, String prompt) {
		return builder().model(model).user(prompt).build();
	}

	/**
	 * Start building a request.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Start building a request from a copy of this one.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Return a request that names the given model: this one when it already does (it is
	 * immutable), else a copy.
	 * @param model the model
	 * @return this request or the copy
	 */
	public ChatRequest withModel(String model) {
		if (Objects.equals(model, this.model)) {
			return this;
		}
		return toBuilder().model(model).build();
	}

	/**
	 * Return a copy that streams or not. A streamed copy asks for the usage chunk at the
	 * end when {@code includeUsage} is set; a copy that does not stream has no stream
	 * options.
	 * @param stream whether to stream
	 * @param includeUsage whether the stream ends with a usage chunk
	 * @return the copy
	 */
	public ChatRequest withStream(boolean stream, boolean includeUsage) {
		return toBuilder().stream(stream).streamOptions(stream ? new StreamOptions(includeUsage) : null).build();
	}

	/**
	 * A fluent builder of {@link ChatRequest}. Not thread-safe.
	 */
	public static final class Builder {

		private String model;

		private final List<ChatMessage> messages = new ArrayList<>();

		private Double temperature;

		private Double topP;

		private Integer n;

		private List<String> stop;

		private Integer maxTokens;

		private Integer maxCompletionTokens;

		private Double presencePenalty;

		private Double frequencyPenalty;

		private Map<String, Integer> logitBias;

		private Boolean logprobs;

		private Integer topLogprobs;

		private Long seed;

		private String user;

		private Boolean stream;

		private StreamOptions streamOptions;

		private List<Tool> tools;

		private ToolChoice toolChoice;

		private Boolean parallelToolCalls;

		private ResponseFormat responseFormat;

		private String reasoningEffort;

		private final Map<String, Object> extras = new LinkedHashMap<>();

		private final List<String> fallbackModels = new ArrayList<>();

		private Builder() {
		}

		private Builder(ChatRequest request) {
			this.model = request.model;
			this.messages.addAll(request.messages);
			this.temperature = request.temperature;
			this.topP = request.topP;
			this.n = request.n;
			this.stop = request.stop;
			this.maxTokens = request.maxTokens;
			this.maxCompletionTokens = request.maxCompletionTokens;
			this.presencePenalty = request.presencePenalty;
			this.frequencyPenalty = request.frequencyPenalty;
			this.logitBias = request.logitBias;
			this.logprobs = request.logprobs;
			this.topLogprobs = request.topLogprobs;
			this.seed = request.seed;
			this.user = request.user;
			this.stream = request.stream;
			this.streamOptions = request.streamOptions;
			this.tools = request.tools;
			this.toolChoice = request.toolChoice;
			this.parallelToolCalls = request.parallelToolCalls;
			this.responseFormat = request.responseFormat;
			this.reasoningEffort = request.reasoningEffort;
			this.extras.putAll(request.extras);
			this.fallbackModels.addAll(request.fallbackModels);
		}

		/**
		 * Set the model to call first.
		 * @param model the model
		 * @return this builder
		 */
		public Builder model(String model) {
			this.model = model;
			return this;
		}

		/**
		 * Replace the messages.
		 * @param messages the messages, in order
		 * @return this builder
		 */
		public Builder messages(List<ChatMessage> messages) {
			this.messages.clear();
			if (messages != null) {
				this.messages.addAll(messages);
			}
			return this;
		}

		/**
		 * Append a message.
		 * @param message the message
		 * @return this builder
		 */
		public Builder message(ChatMessage message) {
			this.messages.add(message);
			return this;
		}

		/**
		 * Append a {@code system} message.
		 * @param content the instructions
		 * @return this builder
		 */
		public Builder system(String content) {
			return message(ChatMessage.system(content));
		}

		/**
		 * Append a {@code user} message.
		 * @param content the text
		 * @return this builder
		 */
		public Builder user(String content) {
			return message(ChatMessage.user(content));
		}

		/**
		 * Set the sampling temperature.
		 * @param temperature 0 to 2
		 * @return this builder
		 */
		public Builder temperature(Double temperature) {
			this.temperature = temperature;
			return this;
		}

		/**
		 * Set the nucleus sampling mass.
		 * @param topP 0 to 1
		 * @return this builder
		 */
		public Builder topP(Double topP) {
			this.topP = topP;
			return this;
		}

		/**
		 * Set how many choices to generate.
		 * @param n 1 to 128
		 * @return this builder
		 */
		public Builder n(Integer n) {
			this.n = n;
			return this;
		}

		/**
		 * Set the stop sequences.
		 * @param stop up to four sequences
		 * @return this builder
		 */
		public Builder stop(List<String> stop) {
			this.stop = stop;
			return this;
		}

		/**
		 * Set the stop sequences.
		 * @param stop up to four sequences
		 * @return this builder
		 */
		public Builder stop(String... stop) {
			return stop((stop != null) ? Arrays.asList(stop) : null);
		}

		/**
		 * Set the most tokens to generate (older models).
		 * @param maxTokens at least 1
		 * @return this builder
		 */
		public Builder maxTokens(Integer maxTokens) {
			this.maxTokens = maxTokens;
			return this;
		}

		/**
		 * Set the most tokens to generate, reasoning tokens included.
		 * @param maxCompletionTokens at least 1
		 * @return this builder
		 */
		public Builder maxCompletionTokens(Integer maxCompletionTokens) {
			this.maxCompletionTokens = maxCompletionTokens;
			return this;
		}

		/**
		 * Set the presence penalty.
		 * @param presencePenalty -2 to 2
		 * @return this builder
		 */
		public Builder presencePenalty(Double presencePenalty) {
			this.presencePenalty = presencePenalty;
			return this;
		}

		/**
		 * Set the frequency penalty.
		 * @param frequencyPenalty -2 to 2
		 * @return this builder
		 */
		public Builder frequencyPenalty(Double frequencyPenalty) {
			this.frequencyPenalty = frequencyPenalty;
			return this;
		}

		/**
		 * Set the logit bias.
		 * @param logitBias token id (as a string) to bias, -100 to 100
		 * @return this builder
		 */
		public Builder logitBias(Map<String, Integer> logitBias) {
			this.logitBias = logitBias;
			return this;
		}

		/**
		 * Set whether to return the log probabilities of the output tokens.
		 * @param logprobs whether to return them
		 * @return this builder
		 */
		public Builder logprobs(Boolean logprobs) {
			this.logprobs = logprobs;
			return this;
		}

		/**
		 * Set how many most likely tokens to return at each position.
		 * @param topLogprobs 0 to 20; needs {@code logprobs}
		 * @return this builder
		 */
		public Builder topLogprobs(Integer topLogprobs) {
			this.topLogprobs = topLogprobs;
			return this;
		}

		/**
		 * Set the seed for best-effort deterministic sampling.
		 * @param seed the seed
		 * @return this builder
		 */
		public Builder seed(Long seed) {
			this.seed = seed;
			return this;
		}

		/**
		 * Set the id of the end user, sent as the {@code user} field. (It is not called
		 * {@code user(String)}: that one appends a user message.)
		 * @param user the id
		 * @return this builder
		 */
		public Builder endUser(String user) {
			this.user = user;
			return this;
		}

		/**
		 * Set whether to stream the answer.
		 * @param stream whether to stream
		 * @return this builder
		 */
		public Builder stream(Boolean stream) {
			this.stream = stream;
			return this;
		}

		/**
		 * Set the options of a streamed call.
		 * @param streamOptions the options; needs {@code stream}
		 * @return this builder
		 */
		public Builder streamOptions(StreamOptions streamOptions) {
			this.streamOptions = streamOptions;
			return this;
		}

		/**
		 * Set the tools the model may call.
		 * @param tools the tools
		 * @return this builder
		 */
		public Builder tools(List<Tool> tools) {
			this.tools = tools;
			return this;
		}

		/**
		 * Set the tools the model may call.
		 * @param tools the tools
		 * @return this builder
		 */
		public Builder tools(Tool... tools) {
			return tools((tools != null) ? Arrays.asList(tools) : null);
		}

		/**
		 * Set which tool the model may or must call.
		 * @param toolChoice the choice
		 * @return this builder
		 */
		public Builder toolChoice(ToolChoice toolChoice) {
			this.toolChoice = toolChoice;
			return this;
		}

		/**
		 * Set whether the model may call several tools at once.
		 * @param parallelToolCalls whether it may
		 * @return this builder
		 */
		public Builder parallelToolCalls(Boolean parallelToolCalls) {
			this.parallelToolCalls = parallelToolCalls;
			return this;
		}

		/**
		 * Set the format the model must answer in.
		 * @param responseFormat the format
		 * @return this builder
		 */
		public Builder responseFormat(ResponseFormat responseFormat) {
			this.responseFormat = responseFormat;
			return this;
		}

		/**
		 * Set the reasoning effort of reasoning models.
		 * @param reasoningEffort such as {@code low}, {@code medium} or {@code high}
		 * @return this builder
		 */
		public Builder reasoningEffort(String reasoningEffort) {
			this.reasoningEffort = reasoningEffort;
			return this;
		}

		/**
		 * Add a field this type does not name; it is sent flat, next to the named ones.
		 * @param name the JSON field name
		 * @param value the value
		 * @return this builder
		 */
		public Builder extra(String name, Object value) {
			this.extras.put(name, value);
			return this;
		}

		/**
		 * Replace the fields this type does not name.
		 * @param extras the fields
		 * @return this builder
		 */
		public Builder extras(Map<String, Object> extras) {
			this.extras.clear();
			if (extras != null) {
				this.extras.putAll(extras);
			}
			return this;
		}

		/**
		 * Set the models to try after {@code model}, in order.
		 * @param models the models; none for no fallback
		 * @return this builder
		 */
		public Builder fallbackModels(String... models) {
			return fallbackModels((models != null) ? Arrays.asList(models) : null);
		}

		/**
		 * Set the models to try after {@code model}, in order.
		 * @param models the models; empty or {@code null} for no fallback
		 * @return this builder
		 */
		public Builder fallbackModels(List<String> models) {
			this.fallbackModels.clear();
			if (models != null) {
				this.fallbackModels.addAll(models);
			}
			return this;
		}

		/**
		 * Build the request. Nothing is validated here: the client validates it before
		 * the call, and a bad request fails with a
		 * {@link com.cometapi.client.error.CometValidationException} before anything is
		 * sent.
		 * @return the request
		 */
		public ChatRequest build() {
			return new ChatRequest(this.model, this.messages, this.temperature, this.topP, this.n, this.stop,
					this.maxTokens, this.maxCompletionTokens, this.presencePenalty, this.frequencyPenalty,
					this.logitBias, this.logprobs, this.topLogprobs, this.seed, this.user, this.stream,
					this.streamOptions, this.tools, this.toolChoice, this.parallelToolCalls, this.responseFormat,
					this.reasoningEffort, this.extras, this.fallbackModels);
		}

	}

}
