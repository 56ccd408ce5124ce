package com.cometapi.client;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;

import com.cometapi.client.error.CometApiException;
import com.cometapi.client.error.CometExceptionFactory;
import com.cometapi.client.error.CometFailureKind;
import com.cometapi.client.resilience.DeadlineTimer;

/**
 * One HTTP exchange with CometAPI: writes the body with our own mapper, reads the status,
 * the request id and the body, and turns every failure into a typed
 * {@link CometApiException}. No retry here: that is the pipeline's job.
 *
 * @author CometAPI team
 */
final class CometExchange {

	private static final byte[] EMPTY = new byte[0];

	private static final byte[] TOO_LARGE_TO_READ = "(body larger than cometapi.max-response-size, not read)"
		.getBytes(StandardCharsets.UTF_8);

	private static final Supplier<TimeoutException> NO_RESPONSE = () -> new TimeoutException(
			"cometapi.response-timeout");

	private final WebClient webClient;

	private final WebClient publicWebClient;

	private final ObjectMapper objectMapper;

	private final CometExceptionFactory exceptionFactory;

	private final Duration responseTimeout;

	private final int maxResponseSize;

	private final DeadlineTimer deadlines;

	private final String baseUrl;

	private final Map<String, URI> uris;

	CometExchange(String baseUrl, WebClient webClient, WebClient publicWebClient, ObjectMapper objectMapper,
			CometExceptionFactory exceptionFactory, Duration responseTimeout, int maxResponseSize,
			DeadlineTimer deadlines) {
		this.baseUrl = baseUrl;
		this.uris = Map.of(CometTemplate.CHAT_PATH, URI.create(baseUrl + CometTemplate.CHAT_PATH),
				CometTemplate.EMBEDDINGS_PATH, URI.create(baseUrl + CometTemplate.EMBEDDINGS_PATH),
				CometTemplate.MODELS_PATH, URI.create(baseUrl + CometTemplate.MODELS_PATH), CometTemplate.CATALOG_PATH,
				URI.create(baseUrl + CometTemplate.CATALOG_PATH));
		this.webClient = webClient;
		this.publicWebClient = publicWebClient;
		this.objectMapper = objectMapper;
		this.exceptionFactory = exceptionFactory;
		this.responseTimeout = responseTimeout;
		this.maxResponseSize = maxResponseSize;
		this.deadlines = deadlines;
	}

	WebClient webClient() {
		return this.webClient;
	}

	/**
	 * Return the most bytes a response body, or a whole stream, may have.
	 * @return the limit in bytes
	 */
	int maxResponseSize() {
		return this.maxResponseSize;
	}

	/**
	 * Return the absolute URI of a path under the base URL, parsed once for the paths the
	 * template calls rather than expanded as a URI template on every request.
	 * @param path the path
	 * @return the URI
	 */
	URI uri(String path) {
		URI uri = this.uris.get(path);
		return (uri != null) ? uri : URI.create(this.baseUrl + path);
	}

	<T> Mono<AttemptResult<T>> post(String path, Object body, ResponseType<T> type, String model) {
		Mono<AttemptResult<T>> exchange = Mono.defer(() -> EventLoopCancel.bind(this.webClient.post()
			.uri(uri(path))
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(toJson(body))
			.exchangeToMono((response) -> read(response, type, model))));
		return withTimeout(exchange, model);
	}

	byte[] toJson(Object body) {
		try {
			return this.objectMapper.writeValueAsBytes(body);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("Cannot write " + body.getClass().getSimpleName(), ex);
		}
	}

	<T> Mono<T> statusFailure(ClientResponse response, String model) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		return response.bodyToMono(byte[].class)
			.defaultIfEmpty(EMPTY)
			.onErrorReturn(DataBufferLimitException.class, TOO_LARGE_TO_READ)
			.flatMap((bytes) -> Mono.error(this.exceptionFactory.fromResponse(status, headers, bytes, model)));
	}

	/**
	 * Fail a streamed attempt that was answered with one JSON body instead of events: an
	 * error envelope is classified by its type and code, anything else is malformed.
	 * @param <T> the element type of the stream
	 * @param response the successful response
	 * @param model the model the attempt asked for
	 * @return the failure
	 */
	<T> Mono<T> jsonInsteadOfStream(ClientResponse response, String model) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		return response.bodyToMono(byte[].class)
			.defaultIfEmpty(EMPTY)
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> this.exceptionFactory.responseTooLarge(status, headers, model, this.maxResponseSize, ex))
			.flatMap((bytes) -> Mono.error(CometExceptionFactory.holdsError(bytes)
					? this.exceptionFactory.fromInBandError(status, headers, bytes, model)
					: this.exceptionFactory.malformedResponse(status, headers, bytes, model,
							new IOException("a JSON body instead of an event stream"))));
	}

	<T> Mono<T> get(String path, ResponseType<T> type, boolean authenticated) {
		WebClient client = authenticated ? this.webClient : this.publicWebClient;
		Mono<AttemptResult<T>> exchange = EventLoopCancel.bind(client.get()
			.uri(uri(path))
			.accept(MediaType.APPLICATION_JSON)
			.exchangeToMono((response) -> read(response, type, null)));
		return withTimeout(exchange, null).map(AttemptResult::body);
	}

	private <T> Mono<AttemptResult<T>> withTimeout(Mono<AttemptResult<T>> exchange, String model) {
		return this.deadlines.bound(exchange, this.responseTimeout, NO_RESPONSE)
			.onErrorMap((ex) -> !(ex instanceof CometApiException), (ex) -> translate(ex, model));
	}

	private <T> Mono<AttemptResult<T>> read(ClientResponse response, ResponseType<T> type, String model) {
		int status = response.statusCode().value();
		if (status < 200 || status >= 300) {
			return statusFailure(response, model);
		}
		HttpHeaders headers = response.headers().asHttpHeaders();
		return response.bodyToMono(byte[].class)
			.defaultIfEmpty(EMPTY)
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> this.exceptionFactory.responseTooLarge(status, headers, model, this.maxResponseSize, ex))
			.flatMap((bytes) -> {
				try {
					T body = this.objectMapper.readValue(bytes, type.type());
					if (body == null || !type.complete().test(body)) {
						throw new IOException("not a complete " + type.type().getSimpleName());
					}
					String requestId = CometExceptionFactory.requestIdHeader(headers);
					return Mono.just(new AttemptResult<>(body, requestId, type.usage().apply(body)));
				}
				catch (IOException | RuntimeException ex) {
					return Mono.error(CometExceptionFactory.holdsError(bytes)
							? this.exceptionFactory.fromInBandError(status, headers, bytes, model)
							: this.exceptionFactory.malformedResponse(status, headers, bytes, model, ex));
				}
			});
	}

	CometApiException translate(Throwable ex, String model) {
		Throwable cause = (ex instanceof WebClientRequestException && ex.getCause() != null) ? ex.getCause() : ex;
		if (cause instanceof TimeoutException || cause instanceof ReadTimeoutException) {
			return this.exceptionFactory.noResponse(CometFailureKind.TIMEOUT,
					"no response within " + this.responseTimeout + " (cometapi.response-timeout)", model, ex);
		}
		if (cause instanceof ConnectTimeoutException) {
			return this.exceptionFactory.noResponse(CometFailureKind.TIMEOUT,
					cause.getClass().getSimpleName() + ": " + cause.getMessage(), model, ex);
		}
		if (cause instanceof DataBufferLimitException) {
			return this.exceptionFactory.responseTooLarge(0, null, model, this.maxResponseSize, cause);
		}
		String description = cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
		if (!(ex instanceof WebClientRequestException)) {
			return this.exceptionFactory.brokenResponse(description, model, ex);
		}
		return this.exceptionFactory.noResponse(CometFailureKind.CONNECTION, description, model, ex);
	}

}
