package com.cometapi.ai;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * Checks an answer's tool calls before anything runs them: the tool round is within the
 * limit, the answer has no more calls than allowed, and every call has an id, names an
 * offered tool and has a JSON object as arguments. The round count is read from the
 * conversation (the tool results since its last user message), so it holds whoever runs
 * the loop: this model on Spring AI 1.1, {@code ChatClient}'s {@code ToolCallingAdvisor}
 * on 2.0.
 *
 * @author CometAPI team
 */
final class ToolCallGuard {

	private static final ObjectMapper JSON = JsonMapper.builder()
		.disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
		.build();

	private final int maxToolRounds;

	private final int maxToolCallsPerAnswer;

	ToolCallGuard(int maxToolRounds, int maxToolCallsPerAnswer) {
		this.maxToolRounds = maxToolRounds;
		this.maxToolCallsPerAnswer = maxToolCallsPerAnswer;
	}

	int maxToolRounds() {
		return this.maxToolRounds;
	}

	int maxToolCallsPerAnswer() {
		return this.maxToolCallsPerAnswer;
	}

	/**
	 * Check the tool calls of an answer, if it has any.
	 * @param response the answer
	 * @param conversation the messages the answer replies to
	 * @param offered the tools that were offered
	 * @param requestedModel the model asked for, named when the answer names none
	 * @throws CometToolCallException if the calls cannot be run as they are
	 */
	void check(ChatResponse response, List<Message> conversation, List<ToolDefinition> offered, String requestedModel) {
		List<AssistantMessage.ToolCall> calls = toolCalls(response);
		if (calls.isEmpty()) {
			return;
		}
		String model = (response.getMetadata().getModel() != null && !response.getMetadata().getModel().isEmpty())
				? response.getMetadata().getModel() : requestedModel;
		if (toolRounds(conversation) >= this.maxToolRounds) {
			throw new CometToolRoundsExceededException(model, this.maxToolRounds);
		}
		if (calls.size() > this.maxToolCallsPerAnswer) {
			throw new CometToolCallException(
					"Model '" + model + "' answered " + calls.size() + " tool calls but at most "
							+ this.maxToolCallsPerAnswer
							+ " are allowed in one answer (cometapi.spring-ai.chat.max-tool-calls-per-answer)",
					model, null, null, null);
		}
		Set<String> names = offered.stream().map(ToolDefinition::name).collect(Collectors.toSet());
		for (AssistantMessage.ToolCall call : calls) {
			checkCall(call, names, model);
		}
	}

	private static void checkCall(AssistantMessage.ToolCall call, Set<String> offered, String model) {
		String prefix = "Model '" + model + "' called tool '" + call.name() + "' (call id " + call.id() + ")";
		if (call.id() == null || call.id().isBlank()) {
			throw new CometToolCallException(prefix + " without an id, so its result could not be sent back", model,
					call.name(), null, null);
		}
		if (call.name() == null || !offered.contains(call.name())) {
			throw new CometToolCallException(
					prefix + " but the tools offered were " + offered.stream().sorted().toList(), model, call.name(),
					call.id(), null);
		}
		if (call.arguments() == null || call.arguments().isBlank()) {
			return;
		}
		try {
			JsonNode arguments = JSON.readTree(call.arguments());
			if (arguments == null || !arguments.isObject()) {
				throw new CometToolCallException(prefix + " with arguments that are not a JSON object", model,
						call.name(), call.id(), null);
			}
		}
		catch (JsonProcessingException ex) {
			throw new CometToolCallException(prefix + " with arguments that are not valid JSON", model, call.name(),
					call.id(), ex);
		}
	}

	private static List<AssistantMessage.ToolCall> toolCalls(ChatResponse response) {
		List<AssistantMessage.ToolCall> calls = new ArrayList<>();
		for (Generation generation : response.getResults()) {
			if (generation.getOutput() != null && generation.getOutput().getToolCalls() != null) {
				calls.addAll(generation.getOutput().getToolCalls());
			}
		}
		return calls;
	}

	/**
	 * Return the tool rounds the conversation has had since its last user message.
	 * @param conversation the messages
	 * @return the number of tool-result messages after the last user message
	 */
	static int toolRounds(List<Message> conversation) {
		int rounds = 0;
		for (int i = conversation.size() - 1; i >= 0; i--) {
			MessageType type = conversation.get(i).getMessageType();
			if (type == MessageType.USER) {
				break;
			}
			if (type == MessageType.TOOL) {
				rounds++;
			}
		}
		return rounds;
	}

}
