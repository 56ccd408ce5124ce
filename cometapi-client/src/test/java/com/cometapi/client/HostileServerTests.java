package com.cometapi.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import com.cometapi.client.error.CometApiException;
import com.cometapi.client.error.CometBadRequestException;
import com.cometapi.client.error.CometErrorDecision;
import com.cometapi.client.error.CometQuotaExceededException;
import com.cometapi.client.error.CometResponseTooLargeException;
import com.cometapi.client.error.CometServerException;
import com.cometapi.client.error.CometStreamException;
import com.cometapi.client.error.CometStreamTimeoutException;
import com.cometapi.client.error.CometTimeoutException;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests of servers that answer too much, too slowly, or with an error behind a success
 * status: each ends the call the way the decision table says, counting the requests every
 * model received, with the permit given back and the connection closed.
 */
class HostileServerTests {

	private static final String PRIMARY = "gpt-4o";

	private static final String SECONDARY = "gpt-4o-mini";

	private static final int LIMIT = 64 * 1024;

	@RegisterExtension
	static final CometApiMockServerExtension mockExtension = new CometApiMockServerExtension();

	private static final CometApiMockServer mock = mockExtension.server();

	private final CountingLimiter limiter = new CountingLimiter();

	private final CometTemplate comet = template().build();

	@AfterEach
	void reset() {
		this.comet.close();
	}

	private CometTemplate.Builder template() {
		return CometTemplate.builder()
			.baseUrl(mock.baseUrl())
			.apiKey("test-key")
			.models(PRIMARY, SECONDARY)
			.limiter(this.limiter)
			.retry(new RetrySettings(2, Duration.ofMillis(1), 1.0, Duration.ofMillis(1), Jitter.NONE, true))
			.retryBudget(RetryBudget.unlimited())
			.cooldown(CooldownSettings.DISABLED)
			.maxResponseSize(LIMIT)
			.streamFirstChunkTimeout(Duration.ofSeconds(30))
			.streamIdleTimeout(Duration.ofSeconds(30));
	}

	static Stream<Arguments> inBandErrors() {
		return Stream.of(
				Arguments.of("insufficient_quota",
						envelope("insufficient_quota", "insufficient_quota", "You exceeded your current quota"), 1, 0,
						CometQuotaExceededException.class),
				Arguments.of("rate_limit_exceeded",
						envelope("tokens", "rate_limit_exceeded", "Rate limit reached for gpt-4o"), 2, 1, null),
				Arguments.of("model_not_found",
						envelope("comet_api_error", "model_not_found", "no available channel for model gpt-4o"), 1, 1,
						null),
				Arguments.of("invalid_request_error",
						envelope("invalid_request_error", "context_length_exceeded", "too many tokens"), 1, 0,
						CometBadRequestException.class),
				Arguments.of("unknown", envelope("upstream_error", "", "upstream said no"), 2, 1, null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("inBandErrors")
	void classifiesAnErrorEnvelopeInA200ChatBodyByItsTypeAndCode(String name, String envelope, int primaryRequests,
			int secondaryRequests, Class<? extends CometApiException> failure) {
		mock.model(PRIMARY).respond(MockResponse.json(200, envelope));
		Mono<String> content = this.comet.chat(ChatRequest.of(null, "Hi")).map(ChatCompletion::content);
		expectOutcome(content, failure);
		assertThat(mock.requestCount(PRIMARY)).isEqualTo(primaryRequests);
		assertThat(mock.requestCount(SECONDARY)).isEqualTo(secondaryRequests);
		assertThat(this.limiter.held).hasValue(0);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("inBandErrors")
	void classifiesAnErrorEventBeforeTheFirstChunkByItsTypeAndCode(String name, String envelope, int primaryRequests,
			int secondaryRequests, Class<? extends CometApiException> failure) {
		mock.model(PRIMARY).respond(MockResponse.raw(200, "text/event-stream", "data: " + envelope + "\n\n"));
		Mono<String> content = ChatStreamAggregator.aggregate(this.comet.stream(ChatRequest.of(null, "Hi")))
			.map(ChatCompletion::content);
		expectOutcome(content, failure);
		assertThat(mock.requestCount(PRIMARY)).isEqualTo(primaryRequests);
		assertThat(mock.requestCount(SECONDARY)).isEqualTo(secondaryRequests);
		assertThat(this.limiter.held).hasValue(0);
	}

	@Test
	void classifiesAJsonErrorBodyAnsweringAStreamedRequest() {
		String prettyPrinted = envelope("insufficient_quota", "insufficient_quota", "You exceeded your current quota")
			.replace("{", "{\n  ")
			.replace(",", ",\n  ");
		mock.model(PRIMARY).respond(MockResponse.json(200, prettyPrinted));
		StepVerifier.create(this.comet.stream(ChatRequest.of(null, "Hi")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CometQuotaExceededException.class)
				.extracting("requestId")
				.isEqualTo(mock.requests().get(0).requestId()))
			.verify(Duration.ofSeconds(30));
		assertThat(mock.requestCount(PRIMARY)).isEqualTo(1);
		assertThat(mock.requestCount(SECONDARY)).isZero();
		assertThat(this.limiter.held).hasValue(0);
	}

	@Test
	void refusesToBuildWithoutAPositiveSizeLimit() {
		assertThatIllegalArgumentException().isThrownBy(() -> template().maxResponseSize(-1).build())
			.withMessageContaining("maxResponseSize must be positive, was -1");
	}

	private static void expectOutcome(Mono<String> content, Class<? extends CometApiException> failure) {
		if (failure == null) {
			StepVerifier.create(content).expectNext("Hello from " + SECONDARY).verifyComplete();
			return;
		}
		StepVerifier.create(content).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(failure);
			CometApiException comet = (CometApiException) ex;
			assertThat(comet.getDecision()).isEqualTo(CometErrorDecision.FAIL);
			assertThat(comet.getRequestId()).isEqualTo(mock.requests().get(0).requestId());
			assertThat(comet.getModel()).isEqualTo(PRIMARY);
		}).verify(Duration.ofSeconds(30));
	}

	@Test
	void failsAnOversizedCompletionAtOnceKeepingItsStatusAndRequestId() {
		mock.model(PRIMARY).respond(MockResponse.json(200, completion("a".repeat(2 * LIMIT))));
		StepVerifier.create(this.comet.chat(ChatRequest.of(null, "Hi"))).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(CometResponseTooLargeException.class)
				.hasMessageContaining("cometapi.max-response-size (" + LIMIT + " bytes)");
			CometResponseTooLargeException tooLarge = (CometResponseTooLargeException) ex;
			assertThat(tooLarge.getStatus()).isEqualTo(200);
			assertThat(tooLarge.getRequestId()).isEqualTo(mock.requests().get(0).requestId());
			assertThat(tooLarge.getDecision()).isEqualTo(CometErrorDecision.FAIL);
			assertThat(tooLarge.getLimitBytes()).isEqualTo(LIMIT);
		}).verify(Duration.ofSeconds(30));
		assertThat(mock.requestCount(PRIMARY)).isEqualTo(1);
		assertThat(mock.requestCount(SECONDARY)).isZero();
		assertThat(this.limiter.held).hasValue(0);
	}

	@Test
	void keepsTheStatusOfAnOversizedErrorBodyAndDecidesByIt() {
		mock.model(PRIMARY).respond(MockResponse.raw(502, "text/html", "<html>" + "x".repeat(2 * LIMIT)));
		StepVerifier.create(this.comet.chat(ChatRequest.of(PRIMARY, "Hi")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CometServerException.class)
				.hasMessageContaining("502")
				.hasMessageContaining("cometapi.max-response-size")
				.extracting("requestId")
				.isEqualTo(mock.requests().get(1).requestId()))
			.verify(Duration.ofSeconds(30));
		assertThat(mock.requestCount(PRIMARY)).isEqualTo(2);
	}

	@Test
	void failsAStreamThatGrowsPastTheLimitAfterItsFirstChunk() {
		String[] words = new String[4000];
		Arrays.fill(words, "word");
		mock.model(PRIMARY).respond(MockResponse.stream(words));
		AtomicInteger received = new AtomicInteger();
		StepVerifier
			.create(this.comet.stream(ChatRequest.of(null, "Hi")).doOnNext((chunk) -> received.incrementAndGet()))
			.thenConsumeWhile((chunk) -> true)
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isExactlyInstanceOf(CometStreamException.class)
					.hasMessageContaining("cometapi.max-response-size (" + LIMIT + " bytes)")
					.hasCauseInstanceOf(CometResponseTooLargeException.class);
				CometStreamException broken = (CometStreamException) ex;
				assertThat(broken.getChunksReceived()).isEqualTo(received.get()).isPositive();
				assertThat(broken.getRequestId()).isEqualTo(mock.requests().get(0).requestId());
			})
			.verify(Duration.ofSeconds(30));
		assertThat(mock.requestCount(PRIMARY)).isEqualTo(1);
		assertThat(mock.requestCount(SECONDARY)).isZero();
		await().atMost(Duration.ofSeconds(10)).until(() -> mock.disconnects() == 1);
		assertThat(this.limiter.releases).containsExactly(CometLimiter.Outcome.FAILED);
	}

	@Test
	void endsATricklingStreamAtTheCallDeadlineReleasingPermitAndConnection() {
		String[] words = new String[1000];
		Arrays.fill(words, "w");
		mock.model(PRIMARY).respond(MockResponse.stream(words).chunkDelay(Duration.ofMillis(20)));
		try (CometTemplate bounded = template().timeout(Duration.ofSeconds(5)).build()) {
			bounded.stream(ChatRequest.of(SECONDARY, "warm up")).blockLast(Duration.ofSeconds(30));
			StepVerifier.create(bounded.stream(ChatRequest.of(null, "Hi")))
				.thenConsumeWhile((chunk) -> true)
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CometStreamTimeoutException.class)
					.hasMessageContaining("call's deadline of PT5S")
					.extracting("chunksReceived", org.assertj.core.api.InstanceOfAssertFactories.INTEGER)
					.isPositive())
				.verify(Duration.ofSeconds(30));
			await().atMost(Duration.ofSeconds(10)).until(() -> mock.disconnects() == 1);
		}
		assertThat(mock.requestCount(PRIMARY)).isEqualTo(1);
		assertThat(mock.requestCount(SECONDARY)).as("the warm-up only").isEqualTo(1);
		assertThat(this.limiter.held).hasValue(0);
		assertThat(this.limiter.releases).containsExactly(CometLimiter.Outcome.SUCCESS, CometLimiter.Outcome.FAILED);
	}

	@Test
	void failsAStreamWhoseFirstChunkOutwaitsTheCallDeadlineWithoutTryingTheNextModel() {
		mock.model(PRIMARY).respond(MockResponse.stream("late").delay(Duration.ofSeconds(20)));
		try (CometTemplate bounded = template().timeout(Duration.ofSeconds(1)).build()) {
			StepVerifier.create(bounded.stream(ChatRequest.of(null, "Hi")))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CometTimeoutException.class)
					.extracting("decision")
					.isEqualTo(CometErrorDecision.FAIL))
				.verify(Duration.ofSeconds(30));
		}
		assertThat(mock.requestCount(PRIMARY)).isEqualTo(1);
		assertThat(mock.requestCount(SECONDARY)).isZero();
		assertThat(this.limiter.held).hasValue(0);
	}

	@Test
	void failsAStreamWhoseFirstLineNeverEndsWithoutRetryingAndClosesTheConnection() {
		try (HostileServer server = endlessLineServer();
				CometTemplate hostile = template().baseUrl(server.baseUrl()).build()) {
			StepVerifier.create(hostile.stream(ChatRequest.of(null, "Hi")))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CometResponseTooLargeException.class)
					.hasMessageContaining("cometapi.max-response-size (" + LIMIT + " bytes)")
					.hasMessageContaining("request id: endless-1")
					.extracting("status")
					.isEqualTo(200))
				.verify(Duration.ofSeconds(30));
			await().atMost(Duration.ofSeconds(10)).until(() -> server.closed.get() == 1);
			assertThat(server.requests).hasValue(1);
		}
		assertThat(this.limiter.held).hasValue(0);
		assertThat(this.limiter.releases).containsExactly(CometLimiter.Outcome.FAILED);
	}

	@Test
	void failsAChatBodyThatNeverEndsWithoutRetrying() {
		try (HostileServer server = endlessLineServer();
				CometTemplate hostile = template().baseUrl(server.baseUrl()).build()) {
			StepVerifier.create(hostile.chat(ChatRequest.of(null, "Hi")))
				.expectError(CometResponseTooLargeException.class)
				.verify(Duration.ofSeconds(30));
			await().atMost(Duration.ofSeconds(10)).until(() -> server.closed.get() == 1);
			assertThat(server.requests).hasValue(1);
		}
		assertThat(this.limiter.held).hasValue(0);
	}

	private static String envelope(String type, String code, String message) {
		return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":\"\",\"code\":\"" + code
				+ "\"}}";
	}

	private static String completion(String content) {
		return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"" + PRIMARY
				+ "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content
				+ "\"},\"finish_reason\":\"stop\"}]}";
	}

	/**
	 * A server that answers every request with {@code data: } followed by bytes that
	 * never end and hold no newline.
	 */
	private static HostileServer endlessLineServer() {
		byte[] block = new byte[8192];
		Arrays.fill(block, (byte) 'a');
		return new HostileServer("endless", Flux.concat(Mono.just("data: ".getBytes(StandardCharsets.UTF_8)),
				Flux.<byte[]>generate((sink) -> sink.next(block))));
	}

}
