package com.cometapi.client;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;

import com.cometapi.client.wire.ChatCompletionChunk;

/**
 * Turns the events of one chat stream into chunks: ends at the first event after
 * {@code [DONE]}, or at a failure after it (an oversized or broken rest of the body), and
 * tells its caller when {@code [DONE]} has come, so that a server that holds the
 * connection open after it cannot turn the whole answer into a failure; fails with a
 * {@link StreamFailure} on an {@code event: error}, on a data line whose JSON has an
 * {@code error} object, on JSON that is not a chunk, and on an end without
 * {@code [DONE]}. Unknown fields stay in the chunks' extras. One reader per stream.
 *
 * @author CometAPI team
 */
final class ChunkReader {

	private final ObjectMapper objectMapper;

	private static final Runnable NOTHING = () -> {
	};

	private final Runnable onDone;

	private boolean done;

	ChunkReader(ObjectMapper objectMapper, Runnable onDone) {
		this.objectMapper = objectMapper;
		this.onDone = onDone;
	}

	static Flux<ChatCompletionChunk> read(Flux<SseEvent> events, ObjectMapper objectMapper) {
		return read(events, objectMapper, NOTHING);
	}

	/**
	 * Read the chunks of one stream.
	 * @param events the stream's events
	 * @param objectMapper the mapper of the chunks
	 * @param onDone run when {@code [DONE]} has come
	 * @return the chunks
	 */
	static Flux<ChatCompletionChunk> read(Flux<SseEvent> events, ObjectMapper objectMapper, Runnable onDone) {
		return Flux.defer(() -> {
			ChunkReader reader = new ChunkReader(objectMapper, onDone);
			return events.<ChatCompletionChunk>handle(reader::next)
				.onErrorResume((ex) -> reader.done, (ex) -> Flux.empty())
				.concatWith(Flux.defer(reader::end));
		});
	}

	void next(SseEvent event, SynchronousSink<ChatCompletionChunk> sink) {
		if (this.done) {
			sink.complete();
			return;
		}
		if (event.isDone()) {
			this.done = true;
			this.onDone.run();
			return;
		}
		if (event.isError()) {
			sink.error(new StreamFailure(StreamFailure.Kind.ERROR_EVENT, "the server sent an error event", event.data(),
					null));
			return;
		}
		ChatCompletionChunk chunk;
		try {
			chunk = this.objectMapper.readValue(event.data(), ChatCompletionChunk.class);
		}
		catch (IOException | RuntimeException ex) {
			sink.error(new StreamFailure(StreamFailure.Kind.MALFORMED, "a data line is not a chunk", event.data(), ex));
			return;
		}
		if (chunk == null) {
			return;
		}
		if (chunk.choices() == null && chunk.usage() == null && chunk.extras().containsKey("error")) {
			sink.error(
					new StreamFailure(StreamFailure.Kind.ERROR_EVENT, "the server sent an error", event.data(), null));
			return;
		}
		sink.next(chunk);
	}

	Flux<ChatCompletionChunk> end() {
		return this.done ? Flux.empty() : Flux
			.error(new StreamFailure(StreamFailure.Kind.NO_DONE, "the stream ended without [DONE]", null, null));
	}

}
