package com.cometapi.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatMessage;
import com.cometapi.client.wire.Choice;
import com.cometapi.client.wire.MessageContent;
import com.cometapi.client.wire.ToolCall;
import com.cometapi.client.wire.Usage;

/**
 * Assembles the chunks of a streamed chat completion into the {@link ChatCompletion} the
 * same call would have answered without streaming: the text of each choice, its tool
 * calls assembled by index (arguments concatenated), its refusal and finish reason, and
 * the usage of the usage chunk. Not thread-safe: feed it from one stream, in order.
 * <pre class="code">
 * ChatCompletion answer = ChatStreamAggregator.aggregate(comet.stream(request)).block();
 * </pre>
 *
 * @author CometAPI team
 */
public final class ChatStreamAggregator {

	private final Map<Integer, ChoiceBuilder> choices = new TreeMap<>();

	private String id;

	private Long created;

	private String model;

	private String systemFingerprint;

	private Usage usage;

	private int chunks;

	/**
	 * Collect a stream into one completion, emitted when the stream completes.
	 * @param chunks the chunks
	 * @return the completion; the stream's error when it fails
	 */
	public static Mono<ChatCompletion> aggregate(Flux<ChatCompletionChunk> chunks) {
		return chunks.collect(ChatStreamAggregator::new, ChatStreamAggregator::add)
			.map(ChatStreamAggregator::toCompletion);
	}

	/**
	 * Add the next chunk.
	 * @param chunk the chunk
	 * @return this aggregator
	 */
	public ChatStreamAggregator add(ChatCompletionChunk chunk) {
		this.chunks++;
		this.id = (this.id != null) ? this.id : chunk.id();
		this.created = (this.created != null) ? this.created : chunk.created();
		this.model = (this.model != null) ? this.model : chunk.model();
		if (chunk.systemFingerprint() != null) {
			this.systemFingerprint = chunk.systemFingerprint();
		}
		if (chunk.usage() != null) {
			this.usage = chunk.usage();
		}
		if (chunk.choices() != null) {
			for (ChatCompletionChunk.ChunkChoice choice : chunk.choices()) {
				int index = (choice.index() != null) ? choice.index() : 0;
				this.choices.computeIfAbsent(index, (key) -> new ChoiceBuilder()).add(choice);
			}
		}
		return this;
	}

	/**
	 * Return how many chunks were added.
	 * @return the chunk count
	 */
	public int chunkCount() {
		return this.chunks;
	}

	/**
	 * Return the text the first choice has so far.
	 * @return the text, empty when none arrived yet
	 */
	public String text() {
		ChoiceBuilder first = this.choices.get(0);
		return (first != null) ? first.content.toString() : "";
	}

	/**
	 * Return the completion assembled from the chunks added so far.
	 * @return the completion, with object {@code chat.completion}
	 */
	public ChatCompletion toCompletion() {
		List<Choice> built = new ArrayList<>(this.choices.size());
		this.choices.forEach((index, builder) -> built.add(builder.build(index)));
		return new ChatCompletion(this.id, "chat.completion", this.created, this.model, this.systemFingerprint, built,
				this.usage, null, null);
	}

	private static final class ChoiceBuilder {

		private final StringBuilder content = new StringBuilder();

		private StringBuilder refusal;

		private String role;

		private String finishReason;

		private boolean hasContent;

		private final Map<Integer, ToolCallBuilder> toolCalls = new TreeMap<>();

		void add(ChatCompletionChunk.ChunkChoice choice) {
			if (choice.finishReason() != null) {
				this.finishReason = choice.finishReason();
			}
			ChatMessage delta = choice.delta();
			if (delta == null) {
				return;
			}
			if (delta.role() != null) {
				this.role = delta.role();
			}
			String text = delta.text();
			if (text != null) {
				this.content.append(text);
				this.hasContent = true;
			}
			if (delta.refusal() != null) {
				this.refusal = (this.refusal != null) ? this.refusal : new StringBuilder();
				this.refusal.append(delta.refusal());
			}
			if (delta.toolCalls() != null) {
				int position = 0;
				for (ToolCall call : delta.toolCalls()) {
					int index = (call.index() != null) ? call.index() : position;
					this.toolCalls.computeIfAbsent(index, (key) -> new ToolCallBuilder()).add(call);
					position++;
				}
			}
		}

		Choice build(int index) {
			List<ToolCall> calls = null;
			if (!this.toolCalls.isEmpty()) {
				calls = new ArrayList<>(this.toolCalls.size());
				for (ToolCallBuilder builder : this.toolCalls.values()) {
					calls.add(builder.build());
				}
			}
			MessageContent text = (this.hasContent || calls == null) ? new MessageContent.Text(this.content.toString())
					: null;
			ChatMessage message = new ChatMessage((this.role != null) ? this.role : ChatMessage.ROLE_ASSISTANT, text,
					null, null, calls, (this.refusal != null) ? this.refusal.toString() : null, null);
			return new Choice(index, message, null, this.finishReason, null);
		}

	}

	private static final class ToolCallBuilder {

		private String id;

		private String type;

		private String name;

		private final StringBuilder arguments = new StringBuilder();

		void add(ToolCall call) {
			this.id = (call.id() != null) ? call.id() : this.id;
			this.type = (call.type() != null) ? call.type() : this.type;
			if (call.function() != null) {
				if (call.function().name() != null) {
					this.name = (this.name != null) ? this.name : call.function().name();
				}
				if (call.function().arguments() != null) {
					this.arguments.append(call.function().arguments());
				}
			}
		}

		ToolCall build() {
			return new ToolCall(null, this.id, (this.type != null) ? this.type : "function",
					new ToolCall.FunctionCall(this.name, this.arguments.toString()), null);
		}

	}

}
