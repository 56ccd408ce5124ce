package com.cometapi.ai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

import com.cometapi.client.wire.CallResult;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatMessage;
import com.cometapi.client.wire.Choice;
import com.cometapi.client.wire.ToolCall;
import com.cometapi.client.wire.Usage;

/**
 * Maps {@link ChatCompletion completions} and the {@link CallResult} of their call to
 * Spring AI {@link ChatResponse chat responses}.
 *
 * @author CometAPI team
 */
final class CometResponseMapper {

	private CometResponseMapper() {
	}

	static ChatResponse toResponse(ChatCompletion completion, CallResult result, boolean withUsage) {
		List<Generation> generations = completion.choices()
			.stream()
			.map((choice) -> toGeneration(completion, choice))
			.toList();
		return new ChatResponse(generations, metadata(completion, result, withUsage));
	}

	private static Generation toGeneration(ChatCompletion completion, Choice choice) {
		ChatMessage message = choice.message();
		Map<String, Object> properties = new LinkedHashMap<>();
		put(properties, "id", completion.id());
		put(properties, "role", (message != null) ? message.role() : null);
		put(properties, "index", choice.index());
		put(properties, "finishReason", choice.finishReason());
		put(properties, "refusal", (message != null) ? message.refusal() : null);
		List<AssistantMessage.ToolCall> toolCalls = (message != null && message.toolCalls() != null)
				? message.toolCalls().stream().map(CometResponseMapper::toToolCall).toList() : List.of();
		String text = (message != null) ? message.text() : null;
		AssistantMessage output = AssistantMessage.builder()
			.content((text != null) ? text : "")
			.properties(properties)
			.toolCalls(toolCalls)
			.build();
		ChatGenerationMetadata metadata = (choice.finishReason() != null)
				? ChatGenerationMetadata.builder().finishReason(choice.finishReason().toUpperCase()).build()
				: ChatGenerationMetadata.NULL;
		return new Generation(output, metadata);
	}

	private static AssistantMessage.ToolCall toToolCall(ToolCall call) {
		String name = (call.function() != null) ? call.function().name() : null;
		String arguments = (call.function() != null) ? call.function().arguments() : null;
		return new AssistantMessage.ToolCall(call.id(), (call.type() != null) ? call.type() : "function", name,
				(arguments != null) ? arguments : "{}");
	}

	static ChatResponseMetadata metadata(ChatCompletion completion, CallResult result, boolean withUsage) {
		ChatResponseMetadata.Builder builder = ChatResponseMetadata.builder();
		if (completion.id() != null) {
			builder.id(completion.id());
		}
		String model = (result != null && result.servedModel() != null) ? result.servedModel() : completion.model();
		if (model != null) {
			builder.model(model);
		}
		builder.usage((withUsage && completion.usage() != null) ? toUsage(completion.usage()) : new EmptyUsage());
		if (completion.model() != null) {
			builder.keyValue(CometMetadata.RESPONSE_MODEL, completion.model());
		}
		if (result != null) {
			builder.keyValue(CometMetadata.CALL_RESULT, result);
			builder.keyValue(CometMetadata.SERVED_MODEL, result.servedModel());
			builder.keyValue(CometMetadata.REQUEST_ID, result.requestId());
			builder.keyValue(CometMetadata.ATTEMPTS, result.attempts());
			builder.keyValue(CometMetadata.ESTIMATED_COST, result.estimatedCost());
		}
		return builder.build();
	}

	static org.springframework.ai.chat.metadata.Usage toUsage(Usage usage) {
		return new DefaultUsage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens(), usage);
	}

	private static void put(Map<String, Object> map, String key, Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

}
