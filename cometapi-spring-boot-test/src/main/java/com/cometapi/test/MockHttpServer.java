package com.cometapi.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * Serves a {@link CometApiMockServer}: a Reactor Netty server on {@code 127.0.0.1}, on
 * its own event loops, that records each request, applies the capacity limits and routes
 * it to the answer its script gives.
 */
final class MockHttpServer {

	private static final DateTimeFormatter REQUEST_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")
		.withZone(ZoneOffset.UTC);

	private final MockScripts scripts;

	private final RequestRecorder recorder;

	private final MockJson json = new MockJson();

	private final AtomicLong requestCounter = new AtomicLong();

	private final LoopResources loops;

	private final DisposableServer server;

	MockHttpServer(MockScripts scripts, RequestRecorder recorder) {
		this.scripts = scripts;
		this.recorder = recorder;
		this.loops = LoopResources.create("comet-mock", 1, 2, true);
		try {
			this.server = HttpServer.create()
				.host("127.0.0.1")
				.port(0)
				.runOn(this.loops)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.handle(this::handle)
				.bindNow(Duration.ofSeconds(10));
		}
		catch (RuntimeException ex) {
			this.loops.dispose();
			throw ex;
		}
	}

	int port() {
		return this.server.port();
	}

	/**
	 * Stop the server, dropping open connections, and dispose its event loops; waits for
	 * both unless called on a non-blocking thread.
	 */
	void close() {
		this.server.dispose();
		Mono<Void> shutdown = this.server.onDispose()
			.timeout(Duration.ofSeconds(5), Mono.empty())
			.then(this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)));
		if (Schedulers.isInNonBlockingThread()) {
			shutdown.subscribe();
		}
		else {
			shutdown.block(Duration.ofSeconds(15));
		}
	}

	private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		MockExchange exchange = new MockExchange(nextRequestId(), this.recorder, this.scripts.capacity());
		response.header(CometApiMockServer.REQUEST_ID_HEADER, exchange.requestId());
		Instant receivedAt = Instant.now();
		request.withConnection((connection) -> exchange.watch(connection.channel()));
		return request.receive()
			.aggregate()
			.asString(StandardCharsets.UTF_8)
			.defaultIfEmpty("")
			.flatMap((body) -> respond(exchange, request, response, body, receivedAt))
			.doFinally(exchange::finish);
	}

	private Mono<Void> respond(MockExchange exchange, HttpServerRequest request, HttpServerResponse response,
			String body, Instant receivedAt) {
		String path = request.fullPath();
		JsonNode json = MockJson.parse(body);
		String model = json.path("model").isTextual() ? json.path("model").asText() : null;
		record(request, path, model, body, exchange.requestId(), receivedAt);
		HttpMethod method = request.method();
		if (path.startsWith("/v1/") && !exchange.admit()) {
			long retryAfter = exchange.retryAfterSeconds();
			if (retryAfter >= 0) {
				response.header(HttpHeaderNames.RETRY_AFTER, Long.toString(retryAfter));
			}
			return MockWriter.send(exchange, response, 429, "application/json",
					MockResponse.errorEnvelope(
							"Rate limit reached for " + modelName(model) + ". Please try again later.", "tokens", "",
							"rate_limit_exceeded", exchange.requestId()));
		}
		if (HttpMethod.POST.equals(method) && path.equals("/v1/chat/completions")) {
			boolean stream = json.path("stream").asBoolean(false);
			boolean includeUsage = json.path("stream_options").path("include_usage").asBoolean(false);
			return answer(exchange, response, this.scripts.next(model), modelName(model),
					(mock) -> stream
							? MockWriter.stream(exchange, response, mock,
									this.json.streamChunks(mock, modelName(model), includeUsage))
							: MockWriter.send(exchange, response, 200, "application/json",
									this.json.chatCompletion(mock, modelName(model))));
		}
		if (HttpMethod.POST.equals(method) && path.equals("/v1/embeddings")) {
			return answer(exchange, response, this.scripts.next(model), modelName(model), (mock) -> MockWriter
				.send(exchange, response, 200, "application/json", MockJson.embeddings(mock, modelName(model), json)));
		}
		if (HttpMethod.GET.equals(method) && path.equals("/v1/models")) {
			return MockWriter.send(exchange, response, 200, "application/json",
					MockJson.modelList(this.scripts.catalog()));
		}
		if (HttpMethod.GET.equals(method) && path.equals("/api/models")) {
			return MockWriter.send(exchange, response, 200, "application/json", this.scripts.catalog());
		}
		return MockWriter.send(exchange, response, 404, "application/json", MockResponse.errorEnvelope(
				"Invalid URL (" + method + " " + path + ")", "invalid_request_error", "", "", exchange.requestId()));
	}

	private Mono<Void> answer(MockExchange exchange, HttpServerResponse response, MockResponse mock, String model,
			Function<MockResponse, Mono<Void>> success) {
		Mono<Void> answer = Mono.defer(() -> {
			mock.headers().forEach((header) -> response.addHeader(header.getKey(), header.getValue()));
			return switch (mock.kind()) {
				case SUCCESS -> success.apply(mock);
				case FIXED -> MockWriter.send(exchange, response, mock.status(), mock.contentType(),
						mock.renderBody(model, exchange.requestId()));
				case CONNECTION_RESET -> MockWriter.reset(exchange, response);
				case TRUNCATED -> MockWriter.truncated(exchange, response, this.json.chatCompletion(mock, model));
			};
		});
		if (mock.delay().isZero()) {
			return answer;
		}
		return Mono.delay(mock.delay()).then(answer);
	}

	private void record(HttpServerRequest request, String path, String model, String body, String requestId,
			Instant receivedAt) {
		Map<String, String> headers = new LinkedHashMap<>();
		request.requestHeaders()
			.forEach((header) -> headers.merge(header.getKey().toLowerCase(Locale.ROOT), header.getValue(),
					(first, second) -> first + ", " + second));
		this.recorder
			.record(new RecordedRequest(request.method().name(), path, headers, model, body, requestId, receivedAt));
	}

	private String nextRequestId() {
		long counter = this.requestCounter.incrementAndGet() % 1_000_000;
		return REQUEST_ID_TIME.format(Instant.now()) + String.format("%06d", counter) + MockJson.randomLetters(8);
	}

	private static String modelName(String model) {
		return (model != null) ? model : "unknown";
	}

}
