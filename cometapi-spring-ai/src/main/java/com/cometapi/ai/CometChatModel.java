package com.cometapi.ai;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.model.tool.internal.ToolCallReactiveContextHolder;
import org.springframework.ai.support.UsageCalculator;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.util.Assert;

import com.cometapi.client.ChatCompletion;
import com.cometapi.client.ChatRequest;
import com.cometapi.client.CometClient;
import com.cometapi.client.CometOperations;

/**
 * CometAPI as a Spring AI {@link ChatModel}: every call and stream goes through a
 * {@link CometOperations} (normally the application's
 * {@link com.cometapi.client.CometTemplate}), so validation, the concurrency and rate
 * limits, retry, model fallback, the call observation and the cost estimate are the
 * template's, exactly as when it is called directly. The model adds no retry of its own
 * and no Spring AI {@code ChatModelObservation}: one call is one observation, the
 * template's.
 * <p>
 * Options: the model's default {@link CometChatOptions}, with the prompt's laid over
 * them. A {@link CometChatOptions#getRoute() route} calls through
 * {@code cometapi.routes.<name>}; {@link CometChatOptions#getFallbackModels() fallback
 * models} name the models after {@code model}; with neither a model nor a route the call
 * uses {@code cometapi.models}.
 * <p>
 * Tools: their definitions are sent as OpenAI function tools and the answer's
 * {@code tool_calls} come back as {@code AssistantMessage.ToolCall}s. With Spring AI 2.0
 * {@code ChatClient}'s {@code ToolCallingAdvisor} runs them; with Spring AI 1.1 this
 * model runs them (unless internal tool execution is off) and calls again, as Spring AI's
 * own models do.
 * <p>
 * Response metadata: {@code getModel()} is the model that served, {@code getId()} the
 * response id, {@code getUsage()} the token usage; {@link CometMetadata} names the keys
 * of the request id, the attempts, the estimated cost and the whole
 * {@link com.cometapi.client.CallResult}. A stream carries the usage and the cost on its
 * last response only.
 * <p>
 * {@code call} waits as {@link CometClient} does: failures are thrown unwrapped, an
 * interrupt cancels the request and throws a
 * {@link com.cometapi.client.error.CometInterruptedException}, and a thread that must not
 * block gets an {@link IllegalStateException} at once.
 *
 * @author CometAPI team
 */
public final class CometChatModel implements ChatModel {

	private final CometOperations operations;

	private final CometClient client;

	private final CometChatOptions defaultOptions;

	private final ToolCallingManager toolCallingManager;

	private CometChatModel(Builder builder) {
		this.operations = builder.operations;
		this.client = CometClient.of(builder.operations);
		this.defaultOptions = builder.defaultOptions;
		this.toolCallingManager = (builder.toolCallingManager != null) ? builder.toolCallingManager
				: ToolCallingManager.builder().build();
	}

	/**
	 * Start building a chat model over the given operations.
	 * @param operations the CometAPI client, normally the {@code CometTemplate} bean
	 * @return a new builder
	 */
	public static Builder builder(CometOperations operations) {
		return new Builder(operations);
	}

	/**
	 * Return the model's default options.
	 * @return the options
	 */
	public CometChatOptions getOptions() {
		return this.defaultOptions;
	}

	@Override
	@SuppressWarnings({ "deprecation", "removal" })
	public ChatOptions getDefaultOptions() {
		return this.defaultOptions;
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		Assert.notNull(prompt, "prompt must not be null");
		CometChatOptions options = SpringAiLine.merge(this.defaultOptions, prompt.getOptions());
		return call(new Prompt(prompt.getInstructions(), options), options, null);
	}

	private ChatResponse call(Prompt prompt, CometChatOptions options, ChatResponse previous) {
		ChatRequest request = toRequest(prompt, options);
		ChatCompletion completion = client(options).chat(request);
		Assert.state(completion != null, "CometAPI answered nothing");
		ChatResponse response = CometResponseMapper.toResponse(completion, completion.callResult(), true);
		if (!SpringAiLine.runsTools(options, response)) {
			return accumulate(response, previous);
		}
		ToolExecutionResult tools = this.toolCallingManager.executeToolCalls(prompt, response);
		if (tools.returnDirect()) {
			return ChatResponse.builder()
				.from(response)
				.generations(ToolExecutionResult.buildGenerations(tools))
				.build();
		}
		return call(new Prompt(tools.conversationHistory(), options), options, accumulate(response, previous));
	}

	private static ChatResponse accumulate(ChatResponse response, ChatResponse previous) {
		if (previous == null) {
			return response;
		}
		ChatResponseMetadata current = response.getMetadata();
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder();
		current.entrySet().forEach((entry) -> metadata.keyValue(entry.getKey(), entry.getValue()));
		if (current.getId() != null) {
			metadata.id(current.getId());
		}
		if (current.getModel() != null) {
			metadata.model(current.getModel());
		}
		metadata.usage(UsageCalculator.getCumulativeUsage(current.getUsage(), previous));
		return ChatResponse.builder().from(response).metadata(metadata.build()).build();
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		Assert.notNull(prompt, "prompt must not be null");
		CometChatOptions options = SpringAiLine.merge(this.defaultOptions, prompt.getOptions());
		return stream(new Prompt(prompt.getInstructions(), options), options);
	}

	private Flux<ChatResponse> stream(Prompt prompt, CometChatOptions options) {
		return Flux.defer(() -> {
			ChatRequest request = toRequest(prompt, options);
			Flux<ChatResponse> responses = new CometStreamMapper().map(operations(options).stream(request));
			return responses.concatMap((response) -> {
				if (!SpringAiLine.runsTools(options, response)) {
					return Flux.just(response);
				}
				return Flux.deferContextual((context) -> {
					ToolExecutionResult tools;
					try {
						ToolCallReactiveContextHolder.setContext(context);
						tools = this.toolCallingManager.executeToolCalls(prompt, response);
					}
					finally {
						ToolCallReactiveContextHolder.clearContext();
					}
					if (tools.returnDirect()) {
						return Flux.just(ChatResponse.builder()
							.from(response)
							.generations(ToolExecutionResult.buildGenerations(tools))
							.build());
					}
					return stream(new Prompt(tools.conversationHistory(), options), options);
				}).subscribeOn(Schedulers.boundedElastic());
			});
		});
	}

	private ChatRequest toRequest(Prompt prompt, CometChatOptions options) {
		List<ToolDefinition> tools = this.toolCallingManager.resolveToolDefinitions(options);
		return CometPromptMapper.toRequest(prompt.getInstructions(), options, tools);
	}

	private CometClient client(CometChatOptions options) {
		return (options.getRoute() != null) ? CometClient.of(operations(options)) : this.client;
	}

	private CometOperations operations(CometChatOptions options) {
		return (options.getRoute() != null) ? this.operations.route(options.getRoute()) : this.operations;
	}

	@Override
	public String toString() {
		return "CometChatModel[" + this.defaultOptions + "]";
	}

	/**
	 * Builds a {@link CometChatModel}.
	 */
	public static final class Builder {

		private final CometOperations operations;

		private CometChatOptions defaultOptions = CometChatOptions.builder().build();

		private ToolCallingManager toolCallingManager;

		private Builder(CometOperations operations) {
			Assert.notNull(operations, "operations must not be null");
			this.operations = operations;
		}

		/**
		 * Set the default options, over which each prompt's options are laid.
		 * @param options the options
		 * @return this builder
		 */
		public Builder defaultOptions(CometChatOptions options) {
			Assert.notNull(options, "options must not be null");
			this.defaultOptions = options;
			return this;
		}

		/**
		 * Set the tool calling manager that resolves tool definitions (and, on Spring AI
		 * 1.1, runs the tools).
		 * @param toolCallingManager the manager; a default one when not set
		 * @return this builder
		 */
		public Builder toolCallingManager(ToolCallingManager toolCallingManager) {
			this.toolCallingManager = toolCallingManager;
			return this;
		}

		/**
		 * Build the chat model.
		 * @return the chat model
		 */
		public CometChatModel build() {
			return new CometChatModel(this);
		}

	}

}
