package com.cometapi.client;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import com.cometapi.client.catalog.CatalogResponse;
import com.cometapi.client.error.CometApiException;
import com.cometapi.client.error.CometBadRequestException;
import com.cometapi.client.error.CometErrorDecision;
import com.cometapi.client.error.CometMalformedResponseException;
import com.cometapi.client.error.CometServerException;
import com.cometapi.client.error.CometUnknownRouteException;
import com.cometapi.client.error.CometValidationException;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatMessage;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.client.wire.EmbeddingRequest;
import com.cometapi.client.wire.EmbeddingResponse;
import com.cometapi.client.wire.MessageContent;
import com.cometapi.client.wire.ModelList;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;
import com.cometapi.test.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CometTemplate} against {@link CometApiMockServer}: the happy paths,
 * the headers, validation and the typed errors of single attempts.
 */
class CometTemplateTests {

	private static final String KEY = "sk-test-secret-0123456789";

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private CometTemplate template(RetrySettings retry, String... models) {
		return CometTemplate.builder().baseUrl(mock.baseUrl()).apiKey(KEY).models(models).retry(retry).build();
	}

	private CometTemplate singleAttempt() {
		return template(RetrySettings.DEFAULTS.withMaxAttempts(1), "gpt-4o");
	}

	@Test
	void chatReturnsCompletionWithHowItWasServed() {
		ChatCompletion completion = singleAttempt().chat("gpt-4o", "Say hello.").block(Duration.ofSeconds(5));
		RecordedRequest request = mock.server().requests().get(0);
		assertThat(completion.content()).isEqualTo("Hello from gpt-4o");
		assertThat(completion.usage().promptTokens()).isEqualTo(11);
		assertThat(completion.callResult().servedModel()).isEqualTo("gpt-4o");
		assertThat(completion.callResult().attempts()).isEqualTo(1);
		assertThat(completion.callResult().fellBack()).isFalse();
		assertThat(completion.callResult().requestId()).isEqualTo(request.requestId()).isNotBlank();
		assertThat(request.path()).isEqualTo("/v1/chat/completions");
		assertThat(request.json().get("messages").get(0).get("content").asText()).isEqualTo("Say hello.");
	}

	@Test
	void promptUsesTheConfiguredModels() {
		ChatCompletion completion = template(RetrySettings.DEFAULTS, "claude-sonnet-4-5", "gpt-4o").prompt("Hi")
			.block(Duration.ofSeconds(5));
		assertThat(completion.callResult().servedModel()).isEqualTo("claude-sonnet-4-5");
		assertThat(mock.server().requestCount("gpt-4o")).isZero();
	}

	@Test
	void sendsTheKeyAsBearerToken() {
		singleAttempt().chat("gpt-4o", "Hi").block(Duration.ofSeconds(5));
		assertThat(mock.server().requests().get(0).header("Authorization")).isEqualTo("Bearer " + KEY);
	}

	@Test
	void readsTheCatalogWithoutTheKey() {
		CatalogResponse catalog = singleAttempt().catalog().block(Duration.ofSeconds(5));
		assertThat(catalog.data()).isNotEmpty();
		assertThat(catalog.data()).extracting((model) -> model.id()).contains("gpt-4o");
		RecordedRequest request = mock.server().requests().get(0);
		assertThat(request.path()).isEqualTo("/api/models");
		assertThat(request.header("Authorization")).isNull();
	}

	@Test
	void listsModelsWithTheKey() {
		ModelList models = singleAttempt().models().block(Duration.ofSeconds(5));
		assertThat(models.ids()).contains("gpt-4o");
		assertThat(mock.server().requests().get(0).header("Authorization")).isEqualTo("Bearer " + KEY);
	}

	@Test
	void createsEmbeddings() {
		EmbeddingResponse response = singleAttempt()
			.embeddings(EmbeddingRequest.of("text-embedding-3-small", "one", "two"))
			.block(Duration.ofSeconds(5));
		assertThat(response.data()).hasSize(2);
		assertThat(response.callResult().servedModel()).isEqualTo("text-embedding-3-small");
		assertThat(mock.server().requests().get(0).path()).isEqualTo("/v1/embeddings");
	}

	@Test
	void refusesAnInvalidRequestWithoutSendingIt() {
		ChatRequest request = ChatRequest.builder()
			.model("gpt-4o")
			.message(new ChatMessage("robot", MessageContent.text("hi"), null, null, null, null, null))
			.temperature(3.0)
			.build();
		StepVerifier.create(singleAttempt().chat(request)).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(CometValidationException.class);
			assertThat(((CometValidationException) ex).getProblems()).hasSize(2);
			assertThat(ex.getMessage()).contains("robot").contains("temperature");
		}).verify(Duration.ofSeconds(5));
		assertThat(mock.server().requestCount()).isZero();
	}

	@Test
	void refusesARequestWithNoModelAnywhere() {
		StepVerifier.create(template(RetrySettings.DEFAULTS).prompt("Hi"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CometValidationException.class)
				.hasMessageContaining("cometapi.models"))
			.verify(Duration.ofSeconds(5));
		assertThat(mock.server().requestCount()).isZero();
	}

	@Test
	void refusesStreamingRequestsOnChat() {
		ChatRequest request = ChatRequest.of("gpt-4o", "Hi").withStream(true, true);
		StepVerifier.create(singleAttempt().chat(request))
			.expectError(CometValidationException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(mock.server().requestCount()).isZero();
	}

	@Test
	void keepsTheStatusRequestIdAndHtmlBodyOfA524() {
		mock.server().model("gpt-4o").respond(MockResponse.originTimeout());
		CometApiException ex = failure(singleAttempt().chat("gpt-4o", "Hi"));
		assertThat(ex.getStatus()).isEqualTo(524);
		assertThat(ex.getRequestId()).isEqualTo(mock.server().requests().get(0).requestId());
		assertThat(ex.getBodyExcerpt()).contains("A timeout occurred");
		assertThat(ex.getBodyExcerpt().length()).isLessThanOrEqualTo(1024);
		assertThat(ex.getDecision()).isEqualTo(CometErrorDecision.RETRY);
	}

	@Test
	void turnsAMalformedSuccessIntoATypedException() {
		mock.server().model("gpt-4o").respond(MockResponse.malformedJson());
		CometApiException ex = failure(singleAttempt().chat("gpt-4o", "Hi"));
		assertThat(ex).isInstanceOf(CometMalformedResponseException.class);
		assertThat(ex.getStatus()).isEqualTo(200);
		assertThat(ex.getBodyExcerpt()).isEqualTo("{not json");
		assertThat(ex.getRequestId()).isEqualTo(mock.server().requests().get(0).requestId());
	}

	@Test
	void turnsATruncatedBodyIntoATypedException() {
		mock.server().model("gpt-4o").respond(MockResponse.truncatedBody());
		CometApiException ex = failure(singleAttempt().chat("gpt-4o", "Hi"));
		assertThat(ex.isRetryable()).isTrue();
		assertThat(mock.server().requestCount()).isEqualTo(1);
	}

	@Test
	void classifiesAnErrorEnvelopeSentWithA200ByItsTypeAndCode() {
		mock.server()
			.model("gpt-4o")
			.respond(MockResponse.json(200,
					"{\"error\":{\"message\":\"upstream failed (request id: 2026X)\",\"type\":\"upstream_error\"}}"));
		CometApiException ex = failure(singleAttempt().chat("gpt-4o", "Hi"));
		assertThat(ex).isInstanceOf(CometServerException.class).hasMessageContaining("answered 200 with an error");
		assertThat(ex.getStatus()).isEqualTo(500);
		assertThat(ex.getErrorType()).isEqualTo("upstream_error");
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getBodyExcerpt()).contains("upstream failed");
	}

	@Test
	void boundsEveryAttemptByTheResponseTimeout() {
		mock.server().model("gpt-4o").respond(MockResponse.ok().delay(Duration.ofSeconds(5)));
		CometTemplate template = CometTemplate.builder()
			.baseUrl(mock.baseUrl())
			.apiKey(KEY)
			.retry(RetrySettings.DEFAULTS.withMaxAttempts(1))
			.responseTimeout(Duration.ofMillis(300))
			.build();
		for (int call = 0; call < 3; call++) {
			CometApiException ex = failure(template.chat("gpt-4o", "Hi"));
			assertThat(ex).isInstanceOf(com.cometapi.client.error.CometTimeoutException.class)
				.hasMessageContaining("cometapi.response-timeout");
			assertThat(ex.isRetryable()).isTrue();
		}
		assertThat(mock.server().requestCount()).isEqualTo(3);
	}

	@Test
	void doesNotFollowRedirects() {
		mock.server()
			.model("gpt-4o")
			.respond(MockResponse.raw(301, "text/html", "<html>moved</html>")
				.header("Location", mock.baseUrl() + "/elsewhere"));
		CometApiException ex = failure(singleAttempt().chat("gpt-4o", "Hi"));
		assertThat(ex).isInstanceOf(CometBadRequestException.class);
		assertThat(ex.getStatus()).isEqualTo(301);
		assertThat(mock.server().requestCount()).isEqualTo(1);
	}

	@Test
	void keepsTheKeyOutOfExceptionsAndToString() {
		mock.server().model("gpt-4o").respond(MockResponse.unauthorized());
		CometTemplate template = singleAttempt();
		CometApiException ex = failure(template.chat("gpt-4o", "Hi"));
		assertThat(ex.toString()).doesNotContain(KEY);
		assertThat(ex.getBodyExcerpt()).doesNotContain(KEY);
		assertThat(String.valueOf(ex.getError())).doesNotContain(KEY);
		assertThat(template.toString()).doesNotContain(KEY);
	}

	@Test
	void routeViewsUseTheirOwnModels() {
		CometTemplate template = CometTemplate.builder()
			.baseUrl(mock.baseUrl())
			.apiKey(KEY)
			.models("gpt-4o")
			.route(new CometRoute("cheap", List.of("gpt-4o-mini"), null, null, null))
			.build();
		ChatCompletion completion = template.route("cheap").prompt("Hi").block(Duration.ofSeconds(5));
		assertThat(completion.callResult().servedModel()).isEqualTo("gpt-4o-mini");
		assertThat(completion.callResult().route()).isEqualTo("cheap");
		assertThat(template.getRouteNames()).containsExactly("cheap");
	}

	@Test
	void rejectsAnUnknownRouteByName() {
		CometTemplate template = singleAttempt();
		org.assertj.core.api.Assertions.assertThatExceptionOfType(CometUnknownRouteException.class)
			.isThrownBy(() -> template.route("nope"))
			.withMessageContaining("nope")
			.satisfies((ex) -> assertThat(ex.getConfiguredRoutes()).isEmpty());
	}

	@Test
	void givesTheWebClientWithTheKeyToCallbacks() {
		String body = singleAttempt()
			.doWithWebClient((client) -> client.get().uri("/v1/models").retrieve().bodyToMono(String.class))
			.block(Duration.ofSeconds(5));
		assertThat(body).contains("gpt-4o");
		assertThat(mock.server().requests().get(0).header("Authorization")).isEqualTo("Bearer " + KEY);
	}

	@Test
	void retrySettingsCapAndJitterTheBackoff() {
		RetrySettings full = new RetrySettings(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), Jitter.FULL,
				true);
		assertThat(full.backoff(1)).isBetween(Duration.ZERO, Duration.ofSeconds(1));
		assertThat(full.backoff(3)).isBetween(Duration.ZERO, Duration.ofSeconds(4));
		assertThat(full.backoff(20)).isBetween(Duration.ZERO, Duration.ofSeconds(30));
		RetrySettings none = new RetrySettings(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), Jitter.NONE,
				true);
		assertThat(none.backoff(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(none.backoff(4)).isEqualTo(Duration.ofSeconds(8));
		assertThat(none.backoff(10)).isEqualTo(Duration.ofSeconds(30));
		RetrySettings equal = new RetrySettings(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), Jitter.EQUAL,
				true);
		assertThat(equal.backoff(3)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
		assertThat(java.util.stream.IntStream.range(0, 50).mapToObj((i) -> full.backoff(5)).distinct().count())
			.isGreaterThan(10);
	}

	static CometApiException failure(reactor.core.publisher.Mono<?> call) {
		Throwable[] error = new Throwable[1];
		StepVerifier.create(call).expectErrorSatisfies((ex) -> error[0] = ex).verify(Duration.ofSeconds(10));
		assertThat(error[0]).isInstanceOf(CometApiException.class);
		return (CometApiException) error[0];
	}

}
