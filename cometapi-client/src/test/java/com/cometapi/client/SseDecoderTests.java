package com.cometapi.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import io.netty.buffer.PooledByteBufAllocator;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
			SseDecoder decoder = new SseDecoder(Integer.MAX_VALUE);
			List<SseEvent> events = new ArrayList<>(decoder.feed(Arrays.copyOfRange(bytes, 0, split)));
			events.addAll(decoder.feed(Arrays.copyOfRange(bytes, split, bytes.length)));
			events.addAll(decoder.finish());
			assertThat(events).as("split at %d", split).isEqualTo(whole);
		}
	}

	@Test
	void failsOnceTheStreamPassesItsLimitWithoutGrowingPastIt() {
		SseDecoder decoder = new SseDecoder(1000);
		byte[] noNewline = new byte[400];
		Arrays.fill(noNewline, (byte) 'a');
		assertThat(decoder.feed(noNewline)).isEmpty();
		assertThat(decoder.feed(noNewline)).isEmpty();
		assertThatExceptionOfType(StreamFailure.class).isThrownBy(() -> decoder.feed(noNewline))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(StreamFailure.Kind.TOO_LARGE))
			.withMessageContaining("cometapi.max-response-size (1000 bytes)");
	}

	@Test
	void countsEveryByteOfTheStreamAgainstItsLimit() {
		SseDecoder decoder = new SseDecoder(100);
		byte[] event = "data: 0123456789\n\n".getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < 100 / event.length; i++) {
			assertThat(decoder.feed(event)).hasSize(1);
		}
		assertThatExceptionOfType(StreamFailure.class).isThrownBy(() -> decoder.feed(event))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(StreamFailure.Kind.TOO_LARGE));
	}

	@Test
	void failsTheFluxAndReleasesTheBufferOfAStreamPastItsLimit() {
		NettyDataBufferFactory factory = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);
		List<NettyDataBuffer> buffers = List.of(factory.wrap(PooledByteBufAllocator.DEFAULT.buffer().writeZero(24)),
				factory.wrap(PooledByteBufAllocator.DEFAULT.buffer().writeZero(24)),
				factory.wrap(PooledByteBufAllocator.DEFAULT.buffer().writeZero(24)));
		StepVerifier.create(SseDecoder.decode(Flux.fromIterable(buffers), 32))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(StreamFailure.class)
				.extracting("kind")
				.isEqualTo(StreamFailure.Kind.TOO_LARGE))
			.verify(Duration.ofSeconds(5));
		assertThat(buffers).allSatisfy((buffer) -> assertThat(buffer.getNativeBuffer().refCnt()).isZero());
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
		List<SseEvent> events = SseDecoder.decode(Flux.fromIterable(buffers), Integer.MAX_VALUE).collectList().block();
		assertThat(events).hasSize(2);
		assertThat(buffers).allSatisfy((buffer) -> assertThat(
				((org.springframework.core.io.buffer.NettyDataBuffer) buffer).getNativeBuffer().refCnt())
			.isZero());
	}

	private static List<SseEvent> decode(String... parts) {
		DefaultDataBufferFactory factory = DefaultDataBufferFactory.sharedInstance;
		Flux<DataBuffer> body = Flux.fromArray(parts)
			.map((part) -> factory.wrap(part.getBytes(StandardCharsets.UTF_8)));
		return SseDecoder.decode(body, Integer.MAX_VALUE).collectList().block();
	}

}
