package com.cometapi.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.cometapi.client.error.CometApiException;
import com.cometapi.client.error.CometError;
import com.cometapi.client.error.CometErrorDecision;
import com.cometapi.client.error.CometExceptionFactory;
import com.cometapi.client.error.CometFailureKind;
import com.cometapi.client.error.CometStreamException;
import com.cometapi.client.error.CometStreamTimeoutException;
import com.cometapi.client.error.CometTimeoutException;
import com.cometapi.client.resilience.DeadlineTimer;
import com.cometapi.client.wire.ChatCompletionChunk;

/**
 * One streamed HTTP attempt: posts the request, reads the server-sent events with our own
 * decoder and mapper, and completes when the first chunk has arrived, so that the
 * pipeline may still retry or fall back until then. Its {@code Flux} then carries that
 * chunk and the rest over the same connection. Before the first chunk, failures are the
 * ones a plain exchange has (a status, a timeout within
 * {@code cometapi.stream.first-chunk-timeout}, a malformed answer); after it, every
 * failure is a {@link CometStreamException} with the request id and the number of chunks
 * that had reached the caller, and a stall longer than
 * {@code cometapi.stream.idle-timeout} is a {@link CometStreamTimeoutException}, as is a
 * stream still running when the call's deadline passes. An error event before the first
 * chunk is classified by its type and code as an HTTP error would be, and a stream larger
 * than {@code cometapi.max-response-size} fails the call. Once {@code [DONE]} has come, a
 * server that holds the connection open or goes on sending ends the stream as a success
 * (at the next event, the size limit, the idle timeout or the deadline), closing the
 * connection; a server that ends its body leaves the connection to the pool.
 *
 * @author CometAPI team
 */
final class CometStreamExchange {

	private static final byte[] EMPTY = new byte[0];

	private static final Supplier<TimeoutException> NO_CHUNK = () -> new TimeoutException("no chunk in time");

	private static final Supplier<TimeoutException> PAST_DEADLINE = CallDeadlinePassed::new;

	private final CometExchange exchange;

	private final ObjectMapper objectMapper;

	private final CometExceptionFactory exceptionFactory;

	private final Duration firstChunkTimeout;

	private final Duration idleTimeout;

	private final DeadlineTimer deadlines;

	CometStreamExchange(CometExchange exchange, ObjectMapper objectMapper, CometExceptionFactory exceptionFactory,
			Duration firstChunkTimeout, Duration idleTimeout, DeadlineTimer deadlines) {
		this.exchange = exchange;
		this.objectMapper = objectMapper;
		this.exceptionFactory = exceptionFactory;
		this.firstChunkTimeout = firstChunkTimeout;
		this.idleTimeout = idleTimeout;
		this.deadlines = deadlines;
	}

	/**
	 * Make one streamed attempt.
	 * @param path the path
	 * @param body the request
	 * @param model the model asked for
	 * @param callTimeout the call's deadline, which bounds the whole stream
	 * @param callStartNanos when the call started, by {@link System#nanoTime()}
	 * @return the attempt, emitting once the first chunk has arrived
	 */
	Mono<AttemptResult<Flux<ChatCompletionChunk>>> stream(String path, Object body, String model, Duration callTimeout,
			long callStartNanos) {
		return Mono.defer(() -> {
			byte[] json = this.exchange.toJson(body);
			Attempt attempt = new Attempt(model, callTimeout);
			Duration left = callTimeout.minusNanos(System.nanoTime() - callStartNanos);
			WebClient client = this.exchange.webClient();
			Flux<ChatCompletionChunk> chunks = this.deadlines.boundGaps(
					EventLoopCancel.bind(client.post()
						.uri(this.exchange.uri(path))
						.contentType(MediaType.APPLICATION_JSON)
						.accept(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_JSON)
						.bodyValue(json)
						.exchangeToFlux((response) -> read(response, attempt))),
					this.firstChunkTimeout, this.idleTimeout, left, NO_CHUNK, PAST_DEADLINE);
			return StreamHead
				.of(chunks.onErrorResume((ex) -> attempt.done, (ex) -> Flux.empty()),
						() -> new StreamFailure(StreamFailure.Kind.NO_DONE, "the stream ended before its first chunk",
								null, null))
				.onErrorMap(attempt::beforeFirstChunk)
				.map((flux) -> new AttemptResult<>(
						flux.doOnNext(attempt::delivered).onErrorMap(attempt::afterFirstChunk), attempt.requestId,
						null));
		});
	}

	private Flux<ChatCompletionChunk> read(ClientResponse response, Attempt attempt) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		attempt.requestId = CometExceptionFactory.requestIdHeader(headers);
		attempt.headers = headers;
		if (status < 200 || status >= 300) {
			return this.exchange.<ChatCompletionChunk>statusFailure(response, attempt.model).flux();
		}
		MediaType contentType = headers.getContentType();
		if (contentType != null && contentType.isCompatibleWith(MediaType.APPLICATION_JSON)) {
			return this.exchange.<ChatCompletionChunk>jsonInsteadOfStream(response, attempt.model).flux();
		}
		return ChunkReader.read(
				SseDecoder.decode(response.bodyToFlux(DataBuffer.class), this.exchange.maxResponseSize()),
				this.objectMapper, attempt::done);
	}

	/**
	 * What one attempt knows about its stream.
	 */
	private final class Attempt {

		final String model;

		final Duration callTimeout;

		volatile String requestId;

		volatile HttpHeaders headers;

		volatile int chunks;

		volatile boolean done;

		Attempt(String model, Duration callTimeout) {
			this.model = model;
			this.callTimeout = callTimeout;
		}

		void delivered(ChatCompletionChunk chunk) {
			this.chunks++;
		}

		void done() {
			this.done = true;
		}

		Throwable beforeFirstChunk(Throwable ex) {
			if (ex instanceof CometApiException) {
				return ex;
			}
			CometStreamExchange outer = CometStreamExchange.this;
			if (ex instanceof CallDeadlinePassed) {
				return new CometTimeoutException(
						"CometAPI call deadline of " + this.callTimeout + " passed before the first chunk of model "
								+ this.model,
						CometError.noResponse("call deadline passed", this.model), CometErrorDecision.FAIL, ex);
			}
			if (ex instanceof TimeoutException) {
				return outer.exceptionFactory.noResponse(CometFailureKind.TIMEOUT,
						"no chunk within " + outer.firstChunkTimeout + " (cometapi.stream.first-chunk-timeout)",
						this.model, ex);
			}
			if (ex instanceof StreamFailure failure) {
				byte[] data = (failure.data() != null) ? failure.data().getBytes(StandardCharsets.UTF_8) : EMPTY;
				return switch (failure.kind()) {
					case ERROR_EVENT -> outer.exceptionFactory.fromInBandError(200, this.headers, data, this.model);
					case TOO_LARGE -> tooLarge(failure);
					default -> outer.exceptionFactory.malformedResponse(200, this.headers, data, this.model,
							new java.io.IOException(failure.getMessage() + " before the first chunk",
									failure.getCause()));
				};
			}
			return outer.exchange.translate(ex, this.model);
		}

		Throwable afterFirstChunk(Throwable ex) {
			if (ex instanceof CometStreamException) {
				return ex;
			}
			int received = this.chunks;
			if (ex instanceof CallDeadlinePassed) {
				return new CometStreamTimeoutException(
						prefix(received) + "did not end within the call's deadline of " + this.callTimeout
								+ " (cometapi.timeout or the route's timeout)",
						error("stream past the call's deadline", null, null, null), received, ex);
			}
			if (ex instanceof TimeoutException) {
				Duration idle = CometStreamExchange.this.idleTimeout;
				return new CometStreamTimeoutException(
						prefix(received) + "stalled: no chunk for " + idle + " (cometapi.stream.idle-timeout)",
						error("stream stalled", null, null, null), received, ex);
			}
			if (ex instanceof StreamFailure failure) {
				if (failure.kind() == StreamFailure.Kind.ERROR_EVENT) {
					CometError error = errorEvent(failure.data());
					return new CometStreamException(prefix(received) + "broke: " + error.message(), error, received,
							null);
				}
				Throwable cause = (failure.kind() == StreamFailure.Kind.TOO_LARGE) ? tooLarge(failure)
						: failure.getCause();
				return new CometStreamException(prefix(received) + "broke: " + failure.getMessage(),
						error(failure.getMessage(), null, null, failure.data()), received, cause);
			}
			String description = ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
			return new CometStreamException(prefix(received) + "broke: " + description,
					error(description, null, null, null), received, ex);
		}

		private CometApiException tooLarge(StreamFailure failure) {
			CometStreamExchange outer = CometStreamExchange.this;
			return outer.exceptionFactory.responseTooLarge(200, this.headers, this.model,
					outer.exchange.maxResponseSize(), failure);
		}

		private String prefix(int received) {
			return "CometAPI stream of model " + this.model
					+ ((this.requestId != null) ? " (request id: " + this.requestId + ")" : "") + " after " + received
					+ " chunk(s) ";
		}

		private CometError errorEvent(String data) {
			String type = null;
			String code = null;
			String message = "error event";
			try {
				JsonNode root = CometStreamExchange.this.objectMapper.readTree(data);
				JsonNode error = root.path("error");
				JsonNode fields = error.isObject() ? error : root;
				type = text(fields.get("type"));
				code = text(fields.get("code"));
				String text = error.isTextual() ? error.asText() : text(fields.get("message"));
				message = (text != null) ? text : message;
			}
			catch (java.io.IOException | RuntimeException ex) {
				// keep the excerpt only
			}
			String requestId = (this.requestId != null) ? this.requestId
					: CometExceptionFactory.lastRequestIdIn(message);
			return new CometError(200, type, code, message, requestId, this.model,
					(data != null) ? CometExceptionFactory.excerpt(data.getBytes(StandardCharsets.UTF_8)) : null, -1);
		}

		private CometError error(String message, String type, String code, String data) {
			return new CometError(200, type, code, message, this.requestId, this.model,
					(data != null) ? CometExceptionFactory.excerpt(data.getBytes(StandardCharsets.UTF_8)) : null, -1);
		}

		private static String text(JsonNode node) {
			if (node == null || node.isNull()) {
				return null;
			}
			String text = node.asText();
			return text.isEmpty() ? null : text;
		}

	}

	/**
	 * The call's deadline passed while the stream was running.
	 */
	private static final class CallDeadlinePassed extends TimeoutException {

		CallDeadlinePassed() {
			super("cometapi.timeout");
		}

	}

}
