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

import com.cometapi.client.CometClient;
import com.cometapi.client.CometOperations;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatRequest;

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
 * own models do. Either way each answer's tool calls are checked before they run: at most
 * {@link Builder#maxToolRounds(int) maxToolRounds} rounds since the conversation's last
 * user message ({@link CometToolRoundsExceededException} past them), at most
 * {@link Builder#maxToolCallsPerAnswer(int) maxToolCallsPerAnswer} calls per answer, and
 * every call with an id, an offered tool and a JSON object as arguments
 * ({@link CometToolCallException} otherwise).
 * <p>
 * Response metadata: {@code getModel()} is the model that served, {@code getId()} the
 * response id, {@code getUsage()} the token usage; {@link CometMetadata} names the keys
 * of the request id, the attempts, the estimated cost and the whole
 * {@link com.cometapi.client.wire.CallResult}. A stream carries the usage and the cost on
 * its last response only.
 * <p>
 * {@code call} waits as {@link CometClient} does: failures are thrown unwrapped, an
 * interrupt cancels the request and throws a
 * {@link com.cometapi.client.error.CometInterruptedException}, and a thread that must not
 * block gets an {@link IllegalStateException} at once.
 *
 * @author CometAPI team
 */
public final class CometChatModel implements ChatModel {

	/**
	 * The most tool rounds of one call unless set otherwise.
	 */
	public static final int DEFAULT_MAX_TOOL_ROUNDS = 10;

	/**
	 * The most tool calls in one answer unless set otherwise.
	 */
	public static final int DEFAULT_MAX_TOOL_CALLS_PER_ANSWER = 64;

	private final CometOperations operations;

	private final CometClient client;

	private final CometChatOptions defaultOptions;

	private final ToolCallingManager toolCallingManager;

	private final ToolCallGuard toolCallGuard;

	private CometChatModel(Builder builder) {
		this.operations = builder.operations;
		this.client = CometClient.of(builder.operations);
		this.defaultOptions = builder.defaultOptions;
		this.toolCallingManager = (builder.toolCallingManager != null) ? builder.toolCallingManager
				: ToolCallingManager.builder().build();
		this.toolCallGuard = new ToolCallGuard(builder.maxToolRounds, builder.maxToolCallsPerAnswer);
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

	/**
	 * Return the most tool rounds one call may take.
	 * @return the limit
	 */
	public int getMaxToolRounds() {
		return this.toolCallGuard.maxToolRounds();
	}

	/**
	 * Return the most tool calls one answer may make.
	 * @return the limit
	 */
	public int getMaxToolCallsPerAnswer() {
		return this.toolCallGuard.maxToolCallsPerAnswer();
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
		List<ToolDefinition> tools = this.toolCallingManager.resolveToolDefinitions(options);
		Prompt current = new Prompt(prompt.getInstructions(), options);
		ChatResponse previous = null;
		while (true) {
			ChatRequest request = CometPromptMapper.toRequest(current.getInstructions(), options, tools);
			ChatCompletion completion = client(options).chat(request);
			Assert.state(completion != null, "CometAPI answered nothing");
			ChatResponse response = CometResponseMapper.toResponse(completion, completion.callResult(), true);
			this.toolCallGuard.check(response, current.getInstructions(), tools, options.getModel());
			if (!SpringAiLine.runsTools(options, response)) {
				return accumulate(response, previous);
			}
			ToolExecutionResult executed = this.toolCallingManager.executeToolCalls(current, response);
			if (executed.returnDirect()) {
				return ChatResponse.builder()
					.from(response)
					.generations(ToolExecutionResult.buildGenerations(executed))
					.build();
			}
			previous = accumulate(response, previous);
			current = new Prompt(executed.conversationHistory(), options);
		}
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
		return Flux.defer(() -> {
			List<ToolDefinition> tools = this.toolCallingManager.resolveToolDefinitions(options);
			return stream(new Prompt(prompt.getInstructions(), options), options, tools);
		});
	}

	private Flux<ChatResponse> stream(Prompt prompt, CometChatOptions options, List<ToolDefinition> tools) {
		return Flux.defer(() -> {
			ChatRequest request = CometPromptMapper.toRequest(prompt.getInstructions(), options, tools);
			Flux<ChatResponse> responses = new CometStreamMapper().map(operations(options).stream(request));
			return responses.concatMap((response) -> {
				this.toolCallGuard.check(response, prompt.getInstructions(), tools, options.getModel());
				if (!SpringAiLine.runsTools(options, response)) {
					return Flux.just(response);
				}
				return Flux.deferContextual((context) -> {
					ToolExecutionResult executed;
					try {
						ToolCallReactiveContextHolder.setContext(context);
						executed = this.toolCallingManager.executeToolCalls(prompt, response);
					}
					finally {
						ToolCallReactiveContextHolder.clearContext();
					}
					if (executed.returnDirect()) {
						return Flux.just(ChatResponse.builder()
							.from(response)
							.generations(ToolExecutionResult.buildGenerations(executed))
							.build());
					}
					return stream(new Prompt(executed.conversationHistory(), options), options, tools);
				}).subscribeOn(Schedulers.boundedElastic());
			});
		});
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

		private int maxToolRounds = DEFAULT_MAX_TOOL_ROUNDS;

		private int maxToolCallsPerAnswer = DEFAULT_MAX_TOOL_CALLS_PER_ANSWER;

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
		 * Set the most tool rounds one call may take: answers with tool calls whose
		 * results are sent back, counted since the conversation's last user message. The
		 * answer that asks for one more fails with a
		 * {@link CometToolRoundsExceededException} and its tools are not run.
		 * @param maxToolRounds at least 0 (0: no tool is ever run)
		 * @return this builder
		 */
		public Builder maxToolRounds(int maxToolRounds) {
			Assert.isTrue(maxToolRounds >= 0, () -> "maxToolRounds must be at least 0, was " + maxToolRounds);
			this.maxToolRounds = maxToolRounds;
			return this;
		}

		/**
		 * Set the most tool calls one answer may make; an answer with more fails with a
		 * {@link CometToolCallException} and none of its tools are run.
		 * @param maxToolCallsPerAnswer at least 1
		 * @return this builder
		 */
		public Builder maxToolCallsPerAnswer(int maxToolCallsPerAnswer) {
			Assert.isTrue(maxToolCallsPerAnswer >= 1,
					() -> "maxToolCallsPerAnswer must be at least 1, was " + maxToolCallsPerAnswer);
			this.maxToolCallsPerAnswer = maxToolCallsPerAnswer;
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
