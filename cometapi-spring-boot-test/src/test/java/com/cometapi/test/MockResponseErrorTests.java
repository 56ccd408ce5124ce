package com.cometapi.test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class MockResponseErrorTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final Http http = new Http(mock.server());

	static Stream<Arguments> envelopes() {
		return Stream.of(
				envelope("badRequest", MockResponse::badRequest, 400, "", "comet_api_error", "model name is required"),
				envelope("unauthorized", MockResponse::unauthorized, 401, "", "comet_api_error", "Invalid token"),
				envelope("forbidden", MockResponse::forbidden, 403, "", "comet_api_error", "permission denied"),
				envelope("modelNotAllowed", MockResponse::modelNotAllowed, 403, "", "comet_api_error",
						"model gpt-4o is not allowed for this token"),
				envelope("payloadTooLarge", MockResponse::payloadTooLarge, 413, "", "comet_api_error", "too large"),
				envelope("unprocessable", MockResponse::unprocessable, 422, "", "comet_api_error", "unprocessable"),
				envelope("modelNotFound", MockResponse::modelNotFound, 404, "model_not_found", "invalid_request_error",
						"The model `gpt-4o` does not exist"),
				envelope("rateLimited", MockResponse::rateLimited, 429, "rate_limit_exceeded", "tokens",
						"Rate limit reached for gpt-4o"),
				envelope("insufficientQuota", MockResponse::insufficientQuota, 429, "insufficient_quota",
						"insufficient_quota", "exceeded your current quota"),
				envelope("invalidRequest500", MockResponse::invalidRequest500, 500, "invalid_request",
						"comet_api_error", "field messages is required"),
				envelope("serverError", MockResponse::serverError, 500, "", "comet_api_error", "internal server error"),
				envelope("serviceUnavailable", MockResponse::serviceUnavailable, 503, "", "comet_api_error",
						"unavailable"),
				envelope("gatewayTimeout", MockResponse::gatewayTimeout, 504, "", "comet_api_error", "timed out"),
				envelope("noAvailableChannel", MockResponse::noAvailableChannel, 503, "model_not_found",
						"comet_api_error", "no available channel for group default and model gpt-4o (distributor)"));
	}

	private static Arguments envelope(String name, Supplier<MockResponse> response, int status, String code,
			String type, String messageText) {
		return Arguments.of(name, response, status, code, type, messageText);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("envelopes")
	void answersDecisionTableOutcomeInCometApiEnvelope(String name, Supplier<MockResponse> response, int status,
			String code, String type, String messageText) throws Exception {
		mock.server().model("gpt-4o").enqueue(response.get());
		HttpResponse<String> answer = this.http.chat("gpt-4o");
		assertThat(answer.statusCode()).isEqualTo(status);
		assertThat(answer.headers().firstValue("content-type")).hasValue("application/json");
		String requestId = answer.headers().firstValue("X-Oneapi-Request-Id").orElseThrow();
		JsonNode error = Http.json(answer.body()).path("error");
		assertThat(error.path("code").asText()).isEqualTo(code);
		assertThat(error.path("type").asText()).isEqualTo(type);
		assertThat(error.path("message").asText()).contains(messageText).endsWith(" (request id: " + requestId + ")");
	}

	@Test
	void serverErrorAndServiceUnavailableDoNotLookLikeOtherOutcomes() {
		assertThat(render(MockResponse.serverError())).doesNotContain("invalid_request");
		assertThat(render(MockResponse.serviceUnavailable())).doesNotContain("model_not_found")
			.doesNotContain("no available channel");
	}

	@Test
	void rateLimitedHasNoRetryAfter() throws Exception {
		mock.server().anyModel().enqueue(MockResponse.rateLimited());
		HttpResponse<String> answer = this.http.chat("gpt-4o");
		assertThat(answer.headers().firstValue("retry-after")).isEmpty();
		assertThat(answer.headers().firstValue("retry-after-ms")).isEmpty();
		assertThat(mock.server().rateLimitedCount()).isEqualTo(1);
	}

	@Test
	void rateLimitedRoundsRetryAfterUpToWholeSeconds() throws Exception {
		mock.server().anyModel().enqueue(MockResponse.rateLimited(Duration.ofMillis(1200)));
		HttpResponse<String> answer = this.http.chat("gpt-4o");
		assertThat(answer.statusCode()).isEqualTo(429);
		assertThat(answer.headers().firstValue("Retry-After")).hasValue("2");
	}

	@Test
	void rateLimitedMsSendsRetryAfterMs() throws Exception {
		mock.server().anyModel().enqueue(MockResponse.rateLimitedMs(350));
		HttpResponse<String> answer = this.http.chat("gpt-4o");
		assertThat(answer.statusCode()).isEqualTo(429);
		assertThat(answer.headers().firstValue("retry-after-ms")).hasValue("350");
	}

	@Test
	void rateLimitedUntilSendsHttpDate() throws Exception {
		ZonedDateTime when = ZonedDateTime.of(2026, 6, 24, 10, 15, 30, 0, ZoneOffset.ofHours(2));
		mock.server().anyModel().enqueue(MockResponse.rateLimitedUntil(when));
		HttpResponse<String> answer = this.http.chat("gpt-4o");
		String retryAfter = answer.headers().firstValue("Retry-After").orElseThrow();
		assertThat(retryAfter).isEqualTo("Wed, 24 Jun 2026 08:15:30 GMT");
		assertThat(ZonedDateTime.parse(retryAfter, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
			.isEqualTo(when.toInstant());
	}

	@Test
	void badGatewayIsHtml() throws Exception {
		mock.server().anyModel().enqueue(MockResponse.badGateway());
		HttpResponse<String> answer = this.http.chat("gpt-4o");
		assertThat(answer.statusCode()).isEqualTo(502);
		assertThat(answer.headers().firstValue("content-type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(answer.body()).contains("502 Bad Gateway");
	}

	@Test
	void originTimeoutIsCloudflareHtml() throws Exception {
		mock.server().anyModel().enqueue(MockResponse.originTimeout());
		HttpResponse<String> answer = this.http.chat("gpt-4o");
		assertThat(answer.statusCode()).isEqualTo(524);
		assertThat(answer.headers().firstValue("content-type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(answer.body()).startsWith("<!DOCTYPE html>").contains("A timeout occurred");
	}

	@Test
	void jsonAndRawAreSentVerbatim() throws Exception {
		mock.server()
			.anyModel()
			.enqueue(MockResponse.json(418, "{\"teapot\":true}"), MockResponse.raw(200, "text/plain", "plain"));
		HttpResponse<String> json = this.http.chat("gpt-4o");
		assertThat(json.statusCode()).isEqualTo(418);
		assertThat(json.body()).isEqualTo("{\"teapot\":true}");
		HttpResponse<String> raw = this.http.chat("gpt-4o");
		assertThat(raw.headers().firstValue("content-type")).hasValue("text/plain");
		assertThat(raw.body()).isEqualTo("plain");
	}

	@Test
	void errorsOnStreamingRequestAreJsonNotSse() throws Exception {
		mock.server().anyModel().enqueue(MockResponse.noAvailableChannel());
		HttpResponse<String> answer = this.http.post("/v1/chat/completions", Http.chatBody("sora-2-all", true, true));
		assertThat(answer.statusCode()).isEqualTo(503);
		assertThat(Http.json(answer.body()).path("error").path("message").asText())
			.startsWith("no available channel for group default and model sora-2-all (distributor)");
	}

	@Test
	void responsesAreImmutable() {
		MockResponse base = MockResponse.ok();
		MockResponse withHeader = base.header("X-A", "1");
		assertThat(withHeader).isNotSameAs(base);
		assertThat(base.headers()).isEmpty();
		assertThat(withHeader.headers()).hasSize(1);
	}

	private static String render(MockResponse response) {
		return response.renderBody("gpt-4o", "20260624101512345678901AbCdEfGh");
	}

}
