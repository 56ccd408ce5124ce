package com.cometapi.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.CometJson;

import static org.assertj.core.api.Assertions.assertThat;

class StreamBackpressureTests {

	private static final String CHUNK = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n";

	@Test
	void slowSubscriberHoldsBackTheBody() {
		AtomicLong requested = new AtomicLong();
		AtomicLong produced = new AtomicLong();
		Flux<DataBuffer> body = Flux.range(0, 100_000)
			.doOnRequest((n) -> requested.accumulateAndGet(n, (a, b) -> (a + b < 0) ? Long.MAX_VALUE : a + b))
			.map((i) -> {
				produced.incrementAndGet();
				return DefaultDataBufferFactory.sharedInstance.wrap(CHUNK.getBytes(StandardCharsets.UTF_8));
			});
		Flux<ChatCompletionChunk> chunks = ChunkReader.read(SseDecoder.decode(body, Integer.MAX_VALUE),
				CometJson.newObjectMapper());
		StepVerifier.create(StreamHead.of(chunks, IllegalStateException::new).flatMapMany((tail) -> tail), 0)
			.thenRequest(3)
			.expectNextCount(3)
			.then(() -> {
				assertThat(produced.get()).isLessThan(10);
				assertThat(requested.get()).isLessThan(10);
			})
			.thenCancel()
			.verify(Duration.ofSeconds(5));
	}

}
