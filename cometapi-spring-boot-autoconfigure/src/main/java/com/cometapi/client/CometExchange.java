package com.cometapi.client;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.client.HttpClientRequest;

import com.cometapi.client.error.CometApiException;
import com.cometapi.client.error.CometExceptionFactory;
import com.cometapi.client.error.CometFailureKind;
import com.cometapi.client.resilience.AttemptResult;

/**
 * One HTTP exchange with CometAPI: writes the body with our own mapper, reads the status,
 * the request id and the body, and turns every failure into a typed
 * {@link CometApiException}. No retry here: that is the pipeline's job.
 *
 * @author CometAPI team
 */
final class CometExchange {

	private static final byte[] EMPTY = new byte[0];

	private final WebClient webClient;

	private final WebClient publicWebClient;

	private final ObjectMapper objectMapper;

	private final CometExceptionFactory exceptionFactory;

	private final Duration responseTimeout;

	private final Scheduler timer;

	private final Consumer<ClientHttpRequest> responseTimeoutSetter;

	private volatile boolean nettyTimeout;

	CometExchange(WebClient webClient, WebClient publicWebClient, ObjectMapper objectMapper,
			CometExceptionFactory exceptionFactory, Duration responseTimeout, Scheduler timer) {
		this.webClient = webClient;
		this.publicWebClient = publicWebClient;
		this.objectMapper = objectMapper;
		this.exceptionFactory = exceptionFactory;
		this.responseTimeout = responseTimeout;
		this.timer = timer;
		this.responseTimeoutSetter = this::setResponseTimeout;
	}

	WebClient webClient() {
		return this.webClient;
	}

	<T> Mono<AttemptResult<T>> post(String path, Object body, ResponseType<T> type, String model) {
		Mono<AttemptResult<T>> exchange = Mono.defer(() -> this.webClient.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.httpRequest(this.responseTimeoutSetter)
			.bodyValue(toJson(body))
			.exchangeToMono((response) -> read(response, type, model)));
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
			.flatMap((bytes) -> Mono.error(this.exceptionFactory.fromResponse(status, headers, bytes, model)));
	}

	<T> Mono<T> get(String path, ResponseType<T> type, boolean authenticated) {
		WebClient client = authenticated ? this.webClient : this.publicWebClient;
		Mono<AttemptResult<T>> exchange = client.get()
			.uri(path)
			.accept(MediaType.APPLICATION_JSON)
			.httpRequest(this.responseTimeoutSetter)
			.exchangeToMono((response) -> read(response, type, null));
		return withTimeout(exchange, null).map(AttemptResult::body);
	}

	private <T> Mono<AttemptResult<T>> withTimeout(Mono<AttemptResult<T>> exchange, String model) {
		Mono<AttemptResult<T>> bounded = this.nettyTimeout ? exchange
				: exchange.timeout(this.responseTimeout, this.timer);
		return bounded.onErrorMap((ex) -> !(ex instanceof CometApiException), (ex) -> translate(ex, model));
	}

	/**
	 * Set the response timeout on Reactor Netty's own request, where its event loop
	 * enforces it with no timer of ours. Until a request has shown the connector to be
	 * Reactor Netty (a customizer may replace it), a Reactor timeout bounds the attempt.
	 */
	private void setResponseTimeout(ClientHttpRequest request) {
		if (request.getNativeRequest() instanceof HttpClientRequest nettyRequest) {
			nettyRequest.responseTimeout(this.responseTimeout);
			this.nettyTimeout = true;
		}
	}

	private <T> Mono<AttemptResult<T>> read(ClientResponse response, ResponseType<T> type, String model) {
		int status = response.statusCode().value();
		if (status < 200 || status >= 300) {
			return statusFailure(response, model);
		}
		HttpHeaders headers = response.headers().asHttpHeaders();
		return response.bodyToMono(byte[].class).defaultIfEmpty(EMPTY).flatMap((bytes) -> {
			try {
				T body = this.objectMapper.readValue(bytes, type.type());
				if (body == null || !type.complete().test(body)) {
					throw new IOException("not a complete " + type.type().getSimpleName());
				}
				String requestId = CometExceptionFactory.requestIdHeader(headers);
				return Mono.just(new AttemptResult<>(body, requestId, type.usage().apply(body)));
			}
			catch (IOException | RuntimeException ex) {
				return Mono.error(this.exceptionFactory.malformedResponse(status, headers, bytes, model, ex));
			}
		});
	}

	CometApiException translate(Throwable ex, String model) {
		Throwable cause = (ex instanceof WebClientRequestException && ex.getCause() != null) ? ex.getCause() : ex;
		if (cause instanceof TimeoutException) {
			return this.exceptionFactory.noResponse(CometFailureKind.TIMEOUT,
					"no response within " + this.responseTimeout + " (cometapi.response-timeout)", model, ex);
		}
		if (cause instanceof ReadTimeoutException) {
			return this.exceptionFactory.noResponse(CometFailureKind.TIMEOUT,
					"no response within " + this.responseTimeout + " (cometapi.response-timeout)", model, ex);
		}
		if (cause instanceof ConnectTimeoutException) {
			return this.exceptionFactory.noResponse(CometFailureKind.TIMEOUT,
					cause.getClass().getSimpleName() + ": " + cause.getMessage(), model, ex);
		}
		if (cause instanceof DataBufferLimitException) {
			return this.exceptionFactory.malformedResponse(0, null, null, model,
					new IOException("response larger than cometapi.max-response-size: " + cause.getMessage(), cause));
		}
		return this.exceptionFactory.noResponse(CometFailureKind.CONNECTION,
				cause.getClass().getSimpleName() + ((cause.getMessage() != null) ? ": " + cause.getMessage() : ""),
				model, ex);
	}

}
