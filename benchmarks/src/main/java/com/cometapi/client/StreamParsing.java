package com.cometapi.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;

/**
 * Opens the template's package-private stream decoding path to the benchmarks: the same
 * {@code SseDecoder} and {@code ChunkReader} a streamed call runs its body through.
 *
 * @author CometAPI team
 */
public final class StreamParsing {

	private StreamParsing() {
	}

	/**
	 * Decode a raw SSE body into chunks, as a streamed call does.
	 * @param body the body's buffers
	 * @param objectMapper the wire mapper
	 * @return the chunks
	 */
	public static Flux<ChatCompletionChunk> chunks(Flux<DataBuffer> body, ObjectMapper objectMapper) {
		return ChunkReader.read(SseDecoder.decode(body, Integer.MAX_VALUE), objectMapper);
	}

}
