package com.cometapi.ai;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;

import org.springframework.ai.chat.model.ChatResponse;

import com.cometapi.client.CallResultListener;
import com.cometapi.client.ChatStreamAggregator;
import com.cometapi.client.wire.CallResult;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ToolCall;

/**
 * Turns the chunks of one streamed call into chat responses: a content chunk into one
 * response at once; the chunks of tool calls into one response when the calls are
 * complete (as tool execution needs them whole); the chunk with the usage is held until
 * the stream completes, so that its response carries the usage and the estimated cost
 * once, at the end. Every response's metadata names the model that served and the request
 * id. One instance per subscription.
 *
 * @author CometAPI team
 */
final class CometStreamMapper implements CallResultListener {

	private volatile CallResult result;

	private ChatStreamAggregator toolCalls;

	private ChatCompletionChunk usageChunk;

	@Override
	public void onResult(CallResult result) {
		this.result = result;
	}

	Flux<ChatResponse> map(Flux<ChatCompletionChunk> chunks) {
		return chunks.contextWrite((context) -> context.put(CallResultListener.CONTEXT_KEY, this))
			.handle(this::next)
			.concatWith(Mono.fromSupplier(this::last).flatMapMany(Flux::fromIterable));
	}

	private void next(ChatCompletionChunk chunk, SynchronousSink<ChatResponse> sink) {
		if (chunk.usage() != null) {
			this.usageChunk = new ChatCompletionChunk(chunk.id(), chunk.object(), chunk.created(), chunk.model(),
					chunk.systemFingerprint(), List.of(), chunk.usage(), null);
			if (chunk.choices().isEmpty()) {
				return;
			}
		}
		if (this.toolCalls != null || hasToolCalls(chunk)) {
			if (this.toolCalls == null) {
				this.toolCalls = new ChatStreamAggregator();
			}
			this.toolCalls.add(chunk);
			if (hasFinishReason(chunk)) {
				ChatCompletion completion = this.toolCalls.toCompletion();
				this.toolCalls = null;
				sink.next(CometResponseMapper.toResponse(completion, this.result, false));
			}
			return;
		}
		sink.next(CometResponseMapper.toResponse(asCompletion(chunk), this.result, false));
	}

	private List<ChatResponse> last() {
		ChatResponse pendingTools = null;
		if (this.toolCalls != null) {
			ChatCompletion completion = this.toolCalls.toCompletion();
			this.toolCalls = null;
			pendingTools = CometResponseMapper.toResponse(completion, this.result, false);
		}
		ChatCompletionChunk usage = this.usageChunk;
		ChatResponse withUsage = (usage != null)
				? CometResponseMapper.toResponse(asCompletion(usage), this.result, true) : null;
		if (pendingTools != null && withUsage != null) {
			return List.of(pendingTools, withUsage);
		}
		if (pendingTools != null) {
			return List.of(pendingTools);
		}
		return (withUsage != null) ? List.of(withUsage) : List.of();
	}

	private static ChatCompletion asCompletion(ChatCompletionChunk chunk) {
		if (chunk.choices().isEmpty()) {
			return new ChatCompletion(chunk.id(), "chat.completion.chunk", chunk.created(), chunk.model(),
					chunk.systemFingerprint(), List.of(), chunk.usage(), null, null);
		}
		return new ChatStreamAggregator().add(chunk).toCompletion();
	}

	private static boolean hasToolCalls(ChatCompletionChunk chunk) {
		return chunk.choices().stream().anyMatch((choice) -> {
			List<ToolCall> calls = (choice.delta() != null) ? choice.delta().toolCalls() : null;
			return calls != null && !calls.isEmpty();
		});
	}

	private static boolean hasFinishReason(ChatCompletionChunk chunk) {
		return chunk.choices().stream().anyMatch((choice) -> choice.finishReason() != null);
	}

}
