package com.cometapi.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Writes the answers of a {@link CometApiMockServer} onto the wire: whole bodies,
 * server-sent event streams and the faults (reset connection, truncated body).
 */
final class MockWriter {

	private static final String DONE = "data: [DONE]\n\n";

	private static final String PING = ": PING\n\n";

	private MockWriter() {
	}

	static Mono<Void> send(MockExchange exchange, HttpServerResponse response, int status, String contentType,
			String body) {
		if (status == 429) {
			exchange.rateLimited();
		}
		return response.status(status)
			.header(HttpHeaderNames.CONTENT_TYPE, contentType)
			.sendByteArray(Mono.fromSupplier(() -> {
				exchange.endedByServer();
				return body.getBytes(StandardCharsets.UTF_8);
			}))
			.then();
	}

	static Mono<Void> reset(MockExchange exchange, HttpServerResponse response) {
		exchange.endedByServer();
		return Mono.create((sink) -> response.withConnection((connection) -> {
			connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
			connection.channel().close().addListener((future) -> sink.success());
		}));
	}

	static Mono<Void> truncated(MockExchange exchange, HttpServerResponse response, String body) {
		exchange.endedByServer();
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		ByteBuf half = Unpooled.wrappedBuffer(bytes, 0, bytes.length / 2);
		return response.status(HttpResponseStatus.OK)
			.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length))
			.send(Flux.just(half), (buf) -> true)
			.then()
			.then(Mono.create((sink) -> response
				.withConnection((connection) -> connection.channel().close().addListener((future) -> sink.success()))));
	}

	/**
	 * Send the chunks as a server-sent event stream, shaped by the response's stream
	 * options (keep-alives, stall, error, missing {@code [DONE]}, chunk delay).
	 */
	static Mono<Void> stream(MockExchange exchange, HttpServerResponse response, MockResponse mock,
			List<String> chunks) {
		List<String> frames = frames(exchange, mock, chunks);
		boolean endsEarly = mock.errorAfter() >= 0 || mock.eventErrorAfter() >= 0 || mock.endsWithoutDone();
		if (endsEarly && mock.stallAfter() < 0) {
			response.keepAlive(false);
		}
		Flux<String> lines = Flux.fromIterable(frames);
		Duration chunkDelay = mock.chunkDelay();
		if (!chunkDelay.isZero()) {
			lines = lines.index()
				.concatMap((line) -> (line.getT1() == 0) ? Mono.just(line.getT2())
						: Mono.delay(chunkDelay).thenReturn(line.getT2()));
		}
		if (mock.stallAfter() >= 0) {
			lines = lines.concatWith(Flux.<String>never().takeUntilOther(exchange.gone()));
		}
		else {
			lines = lines.doOnComplete(exchange::endedByServer);
		}
		return response.status(HttpResponseStatus.OK)
			.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
			.header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
			.send(lines.map((line) -> Unpooled.wrappedBuffer(line.getBytes(StandardCharsets.UTF_8))), (buf) -> true)
			.then();
	}

	private static List<String> frames(MockExchange exchange, MockResponse mock, List<String> chunks) {
		int limit = chunks.size();
		String ending = DONE;
		if (mock.stallAfter() >= 0) {
			limit = Math.min(limit, mock.stallAfter());
			ending = null;
		}
		else if (mock.errorAfter() >= 0) {
			limit = Math.min(limit, mock.errorAfter());
			ending = "data: " + MockJson.streamError(exchange.requestId()) + "\n\n";
		}
		else if (mock.eventErrorAfter() >= 0) {
			limit = Math.min(limit, mock.eventErrorAfter());
			ending = "event: error\ndata: " + MockJson.streamError(exchange.requestId()) + "\n\n";
		}
		else if (mock.endsWithoutDone()) {
			ending = null;
		}
		List<String> frames = new ArrayList<>();
		int pings = mock.keepAlives();
		for (int i = 0; i < limit; i++) {
			frames.add("data: " + chunks.get(i) + "\n\n");
			if (pings > 0) {
				frames.add(PING);
				pings--;
			}
		}
		if (mock.stallAfter() < 0) {
			for (; pings > 0; pings--) {
				frames.add(PING);
			}
		}
		if (ending != null) {
			frames.add(ending);
		}
		return frames;
	}

}
