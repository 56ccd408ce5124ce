package com.cometapi.ai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

import com.cometapi.client.wire.ResponseFormat;
import com.cometapi.client.wire.ToolChoice;

/**
 * The options of {@link CometChatModel} that both Spring AI lines share: the chat
 * options, CometAPI's fallback models and route, the OpenAI-shaped request fields and the
 * tools. {@link CometChatOptions} adds what its Spring AI line asks of options.
 *
 * @author CometAPI team
 */
public abstract class AbstractCometChatOptions implements ToolCallingChatOptions {

	protected String model;

	protected List<String> fallbackModels;

	protected String route;

	protected Double temperature;

	protected Double topP;

	protected Integer topK;

	protected Integer maxTokens;

	protected Integer maxCompletionTokens;

	protected Double frequencyPenalty;

	protected Double presencePenalty;

	protected List<String> stopSequences;

	protected Long seed;

	protected String user;

	protected ResponseFormat responseFormat;

	protected String reasoningEffort;

	protected ToolChoice toolChoice;

	protected Boolean parallelToolCalls;

	protected Map<String, Object> extras;

	protected List<ToolCallback> toolCallbacks;

	protected Map<String, Object> toolContext;

	/**
	 * Create options from a builder's values.
	 * @param builder the builder
	 */
	protected AbstractCometChatOptions(AbstractBuilder<?> builder) {
		this.model = builder.model;
		this.fallbackModels = copy(builder.fallbackModels);
		this.route = builder.route;
		this.temperature = builder.temperature;
		this.topP = builder.topP;
		this.topK = builder.topK;
		this.maxTokens = builder.maxTokens;
		this.maxCompletionTokens = builder.maxCompletionTokens;
		this.frequencyPenalty = builder.frequencyPenalty;
		this.presencePenalty = builder.presencePenalty;
		this.stopSequences = copy(builder.stopSequences);
		this.seed = builder.seed;
		this.user = builder.user;
		this.responseFormat = builder.responseFormat;
		this.reasoningEffort = builder.reasoningEffort;
		this.toolChoice = builder.toolChoice;
		this.parallelToolCalls = builder.parallelToolCalls;
		this.extras = copy(builder.extras);
		this.toolCallbacks = copy(builder.toolCallbacks);
		this.toolContext = copy(builder.toolContext);
	}

	/**
	 * Copy these options' values into a builder.
	 * @param builder the builder
	 */
	protected void copyInto(AbstractBuilder<?> builder) {
		builder.model = this.model;
		builder.fallbackModels = copy(this.fallbackModels);
		builder.route = this.route;
		builder.temperature = this.temperature;
		builder.topP = this.topP;
		builder.topK = this.topK;
		builder.maxTokens = this.maxTokens;
		builder.maxCompletionTokens = this.maxCompletionTokens;
		builder.frequencyPenalty = this.frequencyPenalty;
		builder.presencePenalty = this.presencePenalty;
		builder.stopSequences = copy(this.stopSequences);
		builder.seed = this.seed;
		builder.user = this.user;
		builder.responseFormat = this.responseFormat;
		builder.reasoningEffort = this.reasoningEffort;
		builder.toolChoice = this.toolChoice;
		builder.parallelToolCalls = this.parallelToolCalls;
		builder.extras = copy(this.extras);
		builder.toolCallbacks = copy(this.toolCallbacks);
		builder.toolContext = copy(this.toolContext);
	}

	@Override
	public String getModel() {
		return this.model;
	}

	/**
	 * Return the models to try after {@link #getModel() the model}, in order.
	 * @return the fallback models, or {@code null} for the route's
	 */
	public List<String> getFallbackModels() {
		return this.fallbackModels;
	}

	/**
	 * Return the named route ({@code cometapi.routes.<name>}) whose models, retry
	 * settings and deadline the call uses.
	 * @return the route's name, or {@code null} for the default one
	 */
	public String getRoute() {
		return this.route;
	}

	@Override
	public Double getTemperature() {
		return this.temperature;
	}

	@Override
	public Double getTopP() {
		return this.topP;
	}

	/**
	 * Return top-k, which the OpenAI shape has not: it is never sent.
	 * @return top-k
	 */
	@Override
	public Integer getTopK() {
		return this.topK;
	}

	@Override
	public Integer getMaxTokens() {
		return this.maxTokens;
	}

	/**
	 * Return the most tokens to generate, reasoning included.
	 * @return the most tokens, or {@code null}
	 */
	public Integer getMaxCompletionTokens() {
		return this.maxCompletionTokens;
	}

	@Override
	public Double getFrequencyPenalty() {
		return this.frequencyPenalty;
	}

	@Override
	public Double getPresencePenalty() {
		return this.presencePenalty;
	}

	@Override
	public List<String> getStopSequences() {
		return this.stopSequences;
	}

	/**
	 * Return the seed for best-effort deterministic sampling.
	 * @return the seed, or {@code null}
	 */
	public Long getSeed() {
		return this.seed;
	}

	/**
	 * Return the id of the end user.
	 * @return the id, or {@code null}
	 */
	public String getUser() {
		return this.user;
	}

	/**
	 * Return the format the model must answer in.
	 * @return the format, or {@code null}
	 */
	public ResponseFormat getResponseFormat() {
		return this.responseFormat;
	}

	/**
	 * Return the reasoning effort of reasoning models.
	 * @return the effort, or {@code null}
	 */
	public String getReasoningEffort() {
		return this.reasoningEffort;
	}

	/**
	 * Return which tool the model may or must call.
	 * @return the choice, or {@code null}
	 */
	public ToolChoice getToolChoice() {
		return this.toolChoice;
	}

	/**
	 * Return whether the model may call several tools at once.
	 * @return whether it may, or {@code null}
	 */
	public Boolean getParallelToolCalls() {
		return this.parallelToolCalls;
	}

	/**
	 * Return request fields the options do not name, sent flat.
	 * @return the fields, or {@code null}
	 */
	public Map<String, Object> getExtras() {
		return this.extras;
	}

	@Override
	public List<ToolCallback> getToolCallbacks() {
		return this.toolCallbacks;
	}

	@Override
	public Map<String, Object> getToolContext() {
		return this.toolContext;
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (other == null || getClass() != other.getClass()) {
			return false;
		}
		AbstractCometChatOptions that = (AbstractCometChatOptions) other;
		return Objects.equals(this.model, that.model) && Objects.equals(this.fallbackModels, that.fallbackModels)
				&& Objects.equals(this.route, that.route) && Objects.equals(this.temperature, that.temperature)
				&& Objects.equals(this.topP, that.topP) && Objects.equals(this.topK, that.topK)
				&& Objects.equals(this.maxTokens, that.maxTokens)
				&& Objects.equals(this.maxCompletionTokens, that.maxCompletionTokens)
				&& Objects.equals(this.frequencyPenalty, that.frequencyPenalty)
				&& Objects.equals(this.presencePenalty, that.presencePenalty)
				&& Objects.equals(this.stopSequences, that.stopSequences) && Objects.equals(this.seed, that.seed)
				&& Objects.equals(this.user, that.user) && Objects.equals(this.responseFormat, that.responseFormat)
				&& Objects.equals(this.reasoningEffort, that.reasoningEffort)
				&& Objects.equals(this.toolChoice, that.toolChoice)
				&& Objects.equals(this.parallelToolCalls, that.parallelToolCalls)
				&& Objects.equals(this.extras, that.extras) && Objects.equals(this.toolCallbacks, that.toolCallbacks)
				&& Objects.equals(this.toolContext, that.toolContext);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.model, this.fallbackModels, this.route, this.temperature, this.topP, this.maxTokens,
				this.toolCallbacks);
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[model=" + this.model + ", fallbackModels=" + this.fallbackModels
				+ ", route=" + this.route + ", temperature=" + this.temperature + ", maxTokens=" + this.maxTokens
				+ ", tools=" + ((this.toolCallbacks != null) ? this.toolCallbacks.size() : 0) + "]";
	}

	static <T> List<T> copy(List<T> list) {
		return (list != null) ? new ArrayList<>(list) : null;
	}

	static <V> Map<String, V> copy(Map<String, V> map) {
		return (map != null) ? new LinkedHashMap<>(map) : null;
	}

	/**
	 * The builder fields and setters that both Spring AI lines share.
	 *
	 * @param <B> the builder's own type
	 */
	public abstract static class AbstractBuilder<B extends AbstractBuilder<B>> {

		protected String model;

		protected List<String> fallbackModels;

		protected String route;

		protected Double temperature;

		protected Double topP;

		protected Integer topK;

		protected Integer maxTokens;

		protected Integer maxCompletionTokens;

		protected Double frequencyPenalty;

		protected Double presencePenalty;

		protected List<String> stopSequences;

		protected Long seed;

		protected String user;

		protected ResponseFormat responseFormat;

		protected String reasoningEffort;

		protected ToolChoice toolChoice;

		protected Boolean parallelToolCalls;

		protected Map<String, Object> extras;

		protected List<ToolCallback> toolCallbacks;

		protected Map<String, Object> toolContext;

		/**
		 * Return this builder as its own type.
		 * @return this builder
		 */
		@SuppressWarnings("unchecked")
		protected B self() {
			return (B) this;
		}

		/**
		 * Set the model to call first.
		 * @param model the model, or {@code null} for the route's models
		 * @return this builder
		 */
		public B model(String model) {
			this.model = model;
			return self();
		}

		/**
		 * Set the models to try after the model, in order.
		 * @param models the models
		 * @return this builder
		 */
		public B fallbackModels(List<String> models) {
			this.fallbackModels = copy(models);
			return self();
		}

		/**
		 * Set the models to try after the model, in order.
		 * @param models the models
		 * @return this builder
		 */
		public B fallbackModels(String... models) {
			return fallbackModels((models != null) ? List.of(models) : null);
		}

		/**
		 * Set the named route ({@code cometapi.routes.<name>}) to call through.
		 * @param route the route's name
		 * @return this builder
		 */
		public B route(String route) {
			this.route = route;
			return self();
		}

		/**
		 * Set the sampling temperature.
		 * @param temperature 0 to 2
		 * @return this builder
		 */
		public B temperature(Double temperature) {
			this.temperature = temperature;
			return self();
		}

		/**
		 * Set the nucleus sampling mass.
		 * @param topP 0 to 1
		 * @return this builder
		 */
		public B topP(Double topP) {
			this.topP = topP;
			return self();
		}

		/**
		 * Set top-k, which is never sent (the OpenAI shape has not got it).
		 * @param topK top-k
		 * @return this builder
		 */
		public B topK(Integer topK) {
			this.topK = topK;
			return self();
		}

		/**
		 * Set the most tokens to generate.
		 * @param maxTokens at least 1
		 * @return this builder
		 */
		public B maxTokens(Integer maxTokens) {
			this.maxTokens = maxTokens;
			return self();
		}

		/**
		 * Set the most tokens to generate, reasoning included.
		 * @param maxCompletionTokens at least 1
		 * @return this builder
		 */
		public B maxCompletionTokens(Integer maxCompletionTokens) {
			this.maxCompletionTokens = maxCompletionTokens;
			return self();
		}

		/**
		 * Set the frequency penalty.
		 * @param frequencyPenalty -2 to 2
		 * @return this builder
		 */
		public B frequencyPenalty(Double frequencyPenalty) {
			this.frequencyPenalty = frequencyPenalty;
			return self();
		}

		/**
		 * Set the presence penalty.
		 * @param presencePenalty -2 to 2
		 * @return this builder
		 */
		public B presencePenalty(Double presencePenalty) {
			this.presencePenalty = presencePenalty;
			return self();
		}

		/**
		 * Set the stop sequences.
		 * @param stopSequences up to four
		 * @return this builder
		 */
		public B stopSequences(List<String> stopSequences) {
			this.stopSequences = copy(stopSequences);
			return self();
		}

		/**
		 * Set the seed.
		 * @param seed the seed
		 * @return this builder
		 */
		public B seed(Long seed) {
			this.seed = seed;
			return self();
		}

		/**
		 * Set the id of the end user.
		 * @param user the id
		 * @return this builder
		 */
		public B user(String user) {
			this.user = user;
			return self();
		}

		/**
		 * Set the format the model must answer in.
		 * @param responseFormat the format
		 * @return this builder
		 */
		public B responseFormat(ResponseFormat responseFormat) {
			this.responseFormat = responseFormat;
			return self();
		}

		/**
		 * Set the reasoning effort.
		 * @param reasoningEffort such as {@code low}, {@code medium} or {@code high}
		 * @return this builder
		 */
		public B reasoningEffort(String reasoningEffort) {
			this.reasoningEffort = reasoningEffort;
			return self();
		}

		/**
		 * Set which tool the model may or must call.
		 * @param toolChoice the choice
		 * @return this builder
		 */
		public B toolChoice(ToolChoice toolChoice) {
			this.toolChoice = toolChoice;
			return self();
		}

		/**
		 * Set whether the model may call several tools at once.
		 * @param parallelToolCalls whether it may
		 * @return this builder
		 */
		public B parallelToolCalls(Boolean parallelToolCalls) {
			this.parallelToolCalls = parallelToolCalls;
			return self();
		}

		/**
		 * Add a request field the options do not name; it is sent flat.
		 * @param name the JSON field name
		 * @param value the value
		 * @return this builder
		 */
		public B extra(String name, Object value) {
			if (this.extras == null) {
				this.extras = new LinkedHashMap<>();
			}
			this.extras.put(name, value);
			return self();
		}

		/**
		 * Set the tools the model may call.
		 * @param toolCallbacks the tools
		 * @return this builder
		 */
		public B toolCallbacks(List<ToolCallback> toolCallbacks) {
			this.toolCallbacks = copy(toolCallbacks);
			return self();
		}

		/**
		 * Add tools the model may call.
		 * @param toolCallbacks the tools
		 * @return this builder
		 */
		public B toolCallbacks(ToolCallback... toolCallbacks) {
			if (this.toolCallbacks == null) {
				this.toolCallbacks = new ArrayList<>();
			}
			this.toolCallbacks.addAll(List.of(toolCallbacks));
			return self();
		}

		/**
		 * Add values the tools receive in their {@code ToolContext}.
		 * @param context the values
		 * @return this builder
		 */
		public B toolContext(Map<String, Object> context) {
			if (context == null) {
				this.toolContext = null;
				return self();
			}
			if (this.toolContext == null) {
				this.toolContext = new LinkedHashMap<>();
			}
			this.toolContext.putAll(context);
			return self();
		}

		/**
		 * Add a value the tools receive in their {@code ToolContext}.
		 * @param key the key
		 * @param value the value
		 * @return this builder
		 */
		public B toolContext(String key, Object value) {
			return toolContext(Map.of(key, value));
		}

		/**
		 * Lay other options over this builder's: every value they set wins, their tools
		 * (when they have some) replace these, their tool context is added.
		 * @param other the options, of any type; {@code null} changes nothing
		 * @return this builder
		 */
		public B combine(ChatOptions other) {
			if (other == null) {
				return self();
			}
			this.model = or(other.getModel(), this.model);
			this.temperature = or(other.getTemperature(), this.temperature);
			this.topP = or(other.getTopP(), this.topP);
			this.topK = or(other.getTopK(), this.topK);
			this.maxTokens = or(other.getMaxTokens(), this.maxTokens);
			this.frequencyPenalty = or(other.getFrequencyPenalty(), this.frequencyPenalty);
			this.presencePenalty = or(other.getPresencePenalty(), this.presencePenalty);
			this.stopSequences = or(copy(other.getStopSequences()), this.stopSequences);
			if (other instanceof ToolCallingChatOptions tools) {
				if (tools.getToolCallbacks() != null && !tools.getToolCallbacks().isEmpty()) {
					this.toolCallbacks = copy(tools.getToolCallbacks());
				}
				if (tools.getToolContext() != null && !tools.getToolContext().isEmpty()) {
					toolContext(tools.getToolContext());
				}
			}
			if (other instanceof AbstractCometChatOptions comet) {
				this.fallbackModels = or(copy(comet.fallbackModels), this.fallbackModels);
				this.route = or(comet.route, this.route);
				this.maxCompletionTokens = or(comet.maxCompletionTokens, this.maxCompletionTokens);
				this.seed = or(comet.seed, this.seed);
				this.user = or(comet.user, this.user);
				this.responseFormat = or(comet.responseFormat, this.responseFormat);
				this.reasoningEffort = or(comet.reasoningEffort, this.reasoningEffort);
				this.toolChoice = or(comet.toolChoice, this.toolChoice);
				this.parallelToolCalls = or(comet.parallelToolCalls, this.parallelToolCalls);
				if (comet.extras != null) {
					comet.extras.forEach(this::extra);
				}
			}
			return self();
		}

		private static <T> T or(T value, T otherwise) {
			return (value != null) ? value : otherwise;
		}

	}

}
