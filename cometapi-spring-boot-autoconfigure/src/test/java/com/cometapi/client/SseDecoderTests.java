package com.cometapi.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import io.netty.buffer.PooledByteBufAllocator;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

class SseDecoderTests {

	@Test
	void joinsLinesSplitAcrossBuffers() {
		List<SseEvent> events = decode("da", "ta: {\"a\"", ":1}\n", "\ndata: [DO", "NE]\n\n");
		assertThat(events).containsExactly(new SseEvent(null, "{\"a\":1}"), new SseEvent(null, "[DONE]"));
		assertThat(events.get(1).isDone()).isTrue();
	}

	@Test
	void readsCarriageReturnLineEndsEvenWhenSplit() {
		List<SseEvent> events = decode("data: one\r", "\n\r\ndata: two\r\rdata: three\n\n");
		assertThat(events).containsExactly(new SseEvent(null, "one"), new SseEvent(null, "two"),
				new SseEvent(null, "three"));
	}

	@Test
	void decodesTheSameEventsWhereverTheBodyIsSplit() {
		String body = "data: {\"a\":\"é\"}\r\n\r\n: PING\r\rdata: x\rdata: y\n\nevent: error\ndata: z\r\n\r\n";
		List<SseEvent> whole = decode(body);
		assertThat(whole).containsExactly(new SseEvent(null, "{\"a\":\"é\"}"), new SseEvent(null, "x\ny"),
				new SseEvent("error", "z"));
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		for (int split = 1; split < bytes.length; split++) {
			SseDecoder decoder = new SseDecoder();
			List<SseEvent> events = new ArrayList<>(decoder.feed(Arrays.copyOfRange(bytes, 0, split)));
			events.addAll(decoder.feed(Arrays.copyOfRange(bytes, split, bytes.length)));
			events.addAll(decoder.finish());
			assertThat(events).as("split at %d", split).isEqualTo(whole);
		}
	}

	@Test
	void skipsCommentsAndJoinsMultiLineData() {
		List<SseEvent> events = decode(": PING\n\ndata: first\n: PING\ndata: second\n\n");
		assertThat(events).containsExactly(new SseEvent(null, "first\nsecond"));
	}

	@Test
	void keepsEventNameAndReadsBareJsonAsData() {
		List<SseEvent> events = decode("event: error\ndata: {\"error\":{}}\n\n{\"error\":\"bare\"}\n\n");
		assertThat(events).containsExactly(new SseEvent("error", "{\"error\":{}}"),
				new SseEvent(null, "{\"error\":\"bare\"}"));
		assertThat(events.get(0).isError()).isTrue();
	}

	@Test
	void dispatchesLastEventWithoutTrailingBlankLine() {
		assertThat(decode("data: tail")).containsExactly(new SseEvent(null, "tail"));
	}

	@Test
	void releasesEveryBuffer() {
		NettyDataBufferFactory factory = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);
		List<DataBuffer> buffers = new ArrayList<>();
		for (String part : List.of("data: a\n\n", "data: b\n\n", ": PING\n\n")) {
			buffers.add(factory
				.wrap(PooledByteBufAllocator.DEFAULT.buffer().writeBytes(part.getBytes(StandardCharsets.UTF_8))));
		}
		List<SseEvent> events = SseDecoder.decode(Flux.fromIterable(buffers)).collectList().block();
		assertThat(events).hasSize(2);
		assertThat(buffers).allSatisfy((buffer) -> assertThat(
				((org.springframework.core.io.buffer.NettyDataBuffer) buffer).getNativeBuffer().refCnt())
			.isZero());
	}

	private static List<SseEvent> decode(String... parts) {
		DefaultDataBufferFactory factory = DefaultDataBufferFactory.sharedInstance;
		Flux<DataBuffer> body = Flux.fromArray(parts)
			.map((part) -> factory.wrap(part.getBytes(StandardCharsets.UTF_8)));
		return SseDecoder.decode(body).collectList().block();
	}

}
