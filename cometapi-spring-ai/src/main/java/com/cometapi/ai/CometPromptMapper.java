package com.cometapi.ai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.ai.tool.definition.ToolDefinition;

import com.cometapi.client.wire.ChatMessage;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.client.wire.ContentPart;
import com.cometapi.client.wire.Tool;
import com.cometapi.client.wire.ToolCall;

/**
 * Maps a Spring AI prompt, with its options and tool definitions, to a
 * {@link ChatRequest}.
 *
 * @author CometAPI team
 */
final class CometPromptMapper {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private CometPromptMapper() {
	}

	static ChatRequest toRequest(List<Message> messages, AbstractCometChatOptions options, List<ToolDefinition> tools) {
		ChatRequest.Builder request = ChatRequest.builder()
			.model(options.getModel())
			.temperature(options.getTemperature())
			.topP(options.getTopP())
			.maxTokens(options.getMaxTokens())
			.maxCompletionTokens(options.getMaxCompletionTokens())
			.frequencyPenalty(options.getFrequencyPenalty())
			.presencePenalty(options.getPresencePenalty())
			.stop(emptyToNull(options.getStopSequences()))
			.seed(options.getSeed())
			.endUser(options.getUser())
			.responseFormat(options.getResponseFormat())
			.reasoningEffort(options.getReasoningEffort())
			.parallelToolCalls(options.getParallelToolCalls())
			.fallbackModels(options.getFallbackModels());
		if (options.getExtras() != null) {
			options.getExtras().forEach(request::extra);
		}
		for (Message message : messages) {
			toMessages(message, request);
		}
		if (!tools.isEmpty()) {
			request.tools(tools.stream().map(CometPromptMapper::toTool).toList());
			request.toolChoice(options.getToolChoice());
		}
		return request.build();
	}

	private static void toMessages(Message message, ChatRequest.Builder request) {
		switch (message.getMessageType()) {
			case SYSTEM -> request.system(message.getText());
			case USER -> request.message(toUser((UserMessage) message));
			case ASSISTANT -> request.message(toAssistant((AssistantMessage) message));
			case TOOL -> {
				for (ToolResponseMessage.ToolResponse response : ((ToolResponseMessage) message).getResponses()) {
					request.message(ChatMessage.tool(response.id(), response.responseData()));
				}
			}
			default -> throw new IllegalArgumentException("Unsupported message type: " + message.getMessageType());
		}
	}

	private static ChatMessage toUser(UserMessage message) {
		List<Media> media = message.getMedia();
		if (media == null || media.isEmpty()) {
			return ChatMessage.user(message.getText());
		}
		List<ContentPart> parts = new ArrayList<>();
		if (message.getText() != null && !message.getText().isEmpty()) {
			parts.add(ContentPart.text(message.getText()));
		}
		for (Media item : media) {
			parts.add(ContentPart.imageUrl(imageUrl(item)));
		}
		return ChatMessage.user(parts);
	}

	private static String imageUrl(Media media) {
		Object data = media.getData();
		if (data instanceof byte[] bytes) {
			return "data:" + media.getMimeType() + ";base64," + java.util.Base64.getEncoder().encodeToString(bytes);
		}
		return String.valueOf(data);
	}

	private static ChatMessage toAssistant(AssistantMessage message) {
		if (message.getToolCalls() == null || message.getToolCalls().isEmpty()) {
			return ChatMessage.assistant(message.getText());
		}
		List<ToolCall> calls = message.getToolCalls()
			.stream()
			.map((call) -> ToolCall.function(call.id(), call.name(), call.arguments()))
			.toList();
		String text = message.getText();
		ChatMessage withCalls = ChatMessage.assistant(calls);
		if (text == null || text.isEmpty()) {
			return withCalls;
		}
		return new ChatMessage(withCalls.role(), ChatMessage.assistant(text).content(), null, null, calls, null, null);
	}

	private static Tool toTool(ToolDefinition definition) {
		return Tool.function(definition.name(), definition.description(), schema(definition));
	}

	private static Map<String, Object> schema(ToolDefinition definition) {
		String schema = definition.inputSchema();
		if (schema == null || schema.isBlank()) {
			return new LinkedHashMap<>(Map.of("type", "object"));
		}
		try {
			return JSON.readValue(schema, MAP);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("The input schema of tool '" + definition.name() + "' is not JSON", ex);
		}
	}

	private static <T> List<T> emptyToNull(List<T> list) {
		return (list == null || list.isEmpty()) ? null : list;
	}

}
