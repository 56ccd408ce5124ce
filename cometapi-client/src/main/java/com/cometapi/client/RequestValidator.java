package com.cometapi.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.cometapi.client.wire.ChatMessage;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.client.wire.EmbeddingRequest;
import com.cometapi.client.wire.MessageContent;
import com.cometapi.client.wire.ResponseFormat;
import com.cometapi.client.wire.Tool;
import com.cometapi.client.wire.ToolChoice;

/**
 * Checks a request before it leaves the application, so that a request CometAPI would
 * refuse never costs a round trip, a retry or a fallback.
 * <p>
 * Every method returns all the problems it finds, each naming the wire field, such as
 * {@code "messages[2].role 'robot' is not one of [system, developer, user, assistant,
 * tool]"}; an empty list means the request is valid. Nothing is thrown and nothing goes
 * over the network: the caller wraps the problems in a
 * {@link com.cometapi.client.error.CometValidationException}.
 *
 * @author CometAPI team
 */
final class RequestValidator {

	/**
	 * Most models a request may list in {@code fallbackModels}: each one can cost a round
	 * trip, so a list from end users must not multiply the requests of one call without
	 * bound.
	 */
	public static final int MAX_FALLBACK_MODELS = 16;

	private static final Pattern FUNCTION_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

	private static final Set<String> CHAT_FIELDS = Set.of("model", "messages", "temperature", "top_p", "n", "stop",
			"max_tokens", "max_completion_tokens", "presence_penalty", "frequency_penalty", "logit_bias", "logprobs",
			"top_logprobs", "seed", "user", "stream", "stream_options", "tools", "tool_choice", "parallel_tool_calls",
			"response_format", "reasoning_effort");

	private static final Set<String> EMBEDDING_FIELDS = Set.of("model", "input", "encoding_format", "dimensions",
			"user");

	private RequestValidator() {
	}

	private static List<String> problems(String first) {
		List<String> problems = new ArrayList<>();
		problems.add(first);
		return problems;
	}

	/**
	 * Check a chat request.
	 * @param request the request
	 * @return every problem found, empty when the request is valid
	 */
	public static List<String> validate(ChatRequest request) {
		if (request == null) {
			return problems("request must not be null");
		}
		List<String> problems = isBlank(request.model()) ? problems("model must not be blank") : new ArrayList<>();
		validateMessages(request.messages(), problems);
		range(problems, "temperature", request.temperature(), 0, 2);
		range(problems, "top_p", request.topP(), 0, 1);
		range(problems, "n", request.n(), 1, 128);
		atLeastOne(problems, "max_tokens", request.maxTokens());
		atLeastOne(problems, "max_completion_tokens", request.maxCompletionTokens());
		range(problems, "presence_penalty", request.presencePenalty(), -2, 2);
		range(problems, "frequency_penalty", request.frequencyPenalty(), -2, 2);
		if (request.topLogprobs() != null) {
			range(problems, "top_logprobs", request.topLogprobs(), 0, 20);
			if (!Boolean.TRUE.equals(request.logprobs())) {
				problems.add("top_logprobs requires logprobs to be true");
			}
		}
		if (request.logitBias() != null) {
			request.logitBias().forEach((token, bias) -> {
				if (bias == null) {
					problems.add("logit_bias[" + token + "] must not be null");
				}
				else {
					range(problems, "logit_bias[" + token + "]", bias, -100, 100);
				}
			});
		}
		validateTools(request.tools(), problems);
		if (request.toolChoice() != null && ToolChoice.FUNCTION.equals(request.toolChoice().mode())
				&& isBlank(request.toolChoice().functionName())) {
			problems.add("tool_choice of type 'function' must name the function");
		}
		validateResponseFormat(request.responseFormat(), problems);
		if (request.streamOptions() != null && !Boolean.TRUE.equals(request.stream())) {
			problems.add("stream_options requires stream to be true");
		}
		if (request.fallbackModels().size() > MAX_FALLBACK_MODELS) {
			problems.add("fallbackModels must list at most " + MAX_FALLBACK_MODELS + " models, but lists "
					+ request.fallbackModels().size());
			return problems;
		}
		for (int i = 0; i < request.fallbackModels().size(); i++) {
			if (isBlank(request.fallbackModels().get(i))) {
				problems.add("fallbackModels[" + i + "] must not be blank");
			}
		}
		validateExtras(request.extras(), CHAT_FIELDS, problems);
		return problems;
	}

	/**
	 * Check an embeddings request.
	 * @param request the request
	 * @return every problem found, empty when the request is valid
	 */
	public static List<String> validate(EmbeddingRequest request) {
		if (request == null) {
			return problems("request must not be null");
		}
		List<String> problems = isBlank(request.model()) ? problems("model must not be blank") : new ArrayList<>();
		validateInput(request.input(), problems);
		atLeastOne(problems, "dimensions", request.dimensions());
		if (request.encodingFormat() != null && !"float".equals(request.encodingFormat())) {
			problems.add("encoding_format '" + request.encodingFormat()
					+ "' is not supported: this client reads embeddings as float lists");
		}
		validateExtras(request.extras(), EMBEDDING_FIELDS, problems);
		return problems;
	}

	private static void validateMessages(List<ChatMessage> messages, List<String> problems) {
		if (messages.isEmpty()) {
			problems.add("messages must not be empty");
			return;
		}
		for (int i = 0; i < messages.size(); i++) {
			ChatMessage message = messages.get(i);
			String field = "messages[" + i + "]";
			if (message == null) {
				problems.add(field + " must not be null");
				continue;
			}
			if (isBlank(message.role())) {
				problems.add(field + ".role must not be blank");
			}
			else if (!ChatMessage.ROLES.contains(message.role())) {
				problems.add(field + ".role '" + message.role() + "' is not one of " + ChatMessage.ROLES);
			}
			if (ChatMessage.ROLE_TOOL.equals(message.role()) && isBlank(message.toolCallId())) {
				problems.add(field + " with role 'tool' must carry tool_call_id");
			}
			boolean callsTools = ChatMessage.ROLE_ASSISTANT.equals(message.role()) && message.toolCalls() != null
					&& !message.toolCalls().isEmpty();
			if (message.content() == null && !callsTools) {
				problems.add(field + ".content must not be null (unless an assistant message carries tool_calls)");
			}
			if (message.content() instanceof MessageContent.Parts parts && parts.parts().isEmpty()) {
				problems.add(field + ".content must not be an empty array of parts");
			}
		}
	}

	private static void validateTools(List<Tool> tools, List<String> problems) {
		if (tools == null) {
			return;
		}
		for (int i = 0; i < tools.size(); i++) {
			Tool tool = tools.get(i);
			String field = "tools[" + i + "]";
			if (tool == null || tool.function() == null) {
				problems.add(field + ".function must not be null");
			}
			else if (tool.function().name() == null || !FUNCTION_NAME.matcher(tool.function().name()).matches()) {
				problems.add(field + ".function.name '" + tool.function().name() + "' must match "
						+ FUNCTION_NAME.pattern());
			}
		}
	}

	private static void validateResponseFormat(ResponseFormat format, List<String> problems) {
		if (format == null || !ResponseFormat.TYPE_JSON_SCHEMA.equals(format.type())) {
			return;
		}
		ResponseFormat.JsonSchema schema = format.jsonSchema();
		if (schema == null || isBlank(schema.name())) {
			problems.add("response_format json_schema requires json_schema.name");
		}
		if (schema == null || schema.schema() == null) {
			problems.add("response_format json_schema requires json_schema.schema");
		}
	}

	private static void validateInput(Object input, List<String> problems) {
		if (input == null) {
			problems.add("input must not be null");
		}
		else if (input instanceof String text) {
			if (text.isEmpty()) {
				problems.add("input must not be empty");
			}
		}
		else if (input instanceof List<?> list) {
			if (list.isEmpty()) {
				problems.add("input must not be empty");
			}
			for (int i = 0; i < list.size(); i++) {
				Object element = list.get(i);
				if (element == null) {
					problems.add("input[" + i + "] must not be null");
				}
				else if ((element instanceof String text && text.isEmpty())
						|| (element instanceof List<?> tokens && tokens.isEmpty())) {
					problems.add("input[" + i + "] must not be empty");
				}
				else if (!(element instanceof String) && !(element instanceof List<?>)) {
					problems.add("input[" + i + "] must be a string or a list of token ids");
				}
			}
		}
		else {
			problems.add("input must be a string, a list of strings or a list of token lists");
		}
	}

	private static void validateExtras(Map<String, Object> extras, Set<String> named, List<String> problems) {
		extras.keySet()
			.stream()
			.filter(named::contains)
			.forEach((name) -> problems.add("extra field '" + name + "' must be set through its own field"));
	}

	private static void range(List<String> problems, String field, Number value, double min, double max) {
		if (value != null && !(value.doubleValue() >= min && value.doubleValue() <= max)) {
			problems.add(field + " " + value + " must be between " + format(min) + " and " + format(max));
		}
	}

	private static void atLeastOne(List<String> problems, String field, Integer value) {
		if (value != null && value < 1) {
			problems.add(field + " " + value + " must be at least 1");
		}
	}

	private static String format(double bound) {
		return (bound == Math.rint(bound)) ? String.valueOf((long) bound) : String.valueOf(bound);
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
