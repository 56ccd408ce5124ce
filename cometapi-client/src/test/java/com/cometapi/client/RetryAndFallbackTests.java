package com.cometapi.client;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.micrometer.observation.ObservationRegistry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import com.cometapi.client.error.CometApiException;
import com.cometapi.client.error.CometAuthenticationException;
import com.cometapi.client.error.CometBadRequestException;
import com.cometapi.client.error.CometErrorDecision;
import com.cometapi.client.error.CometFallbackExhaustedException;
import com.cometapi.client.error.CometServerException;
import com.cometapi.client.error.CometTimeoutException;
import com.cometapi.client.error.DefaultCometErrorClassifier;
import com.cometapi.client.observation.CometTrafficRecorder;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.client.wire.FailedModel;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of the call pipeline's retry and fallback against every row of the decision
 * table, counting the requests the mock server received.
 */
class RetryAndFallbackTests {

	private static final String PRIMARY = "gpt-4o";

	private static final String SECONDARY = "claude-sonnet-4-5";

	private static final RetrySettings THREE_ATTEMPTS = new RetrySettings(3, Duration.ofMillis(100), 2.0,
			Duration.ofSeconds(1), Jitter.FULL, true);

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final DelayRecordingScheduler scheduler = new DelayRecordingScheduler(Duration.ofSeconds(59));

	private CometTemplate.Builder builder() {
		return CometTemplate.builder()
			.baseUrl(mock.baseUrl())
			.apiKey("test-key")
			.models(PRIMARY, SECONDARY)
			.retry(THREE_ATTEMPTS)
			.retryBudget(RetryBudget.unlimited())
			.cooldown(CooldownSettings.DISABLED)
			.scheduler(this.scheduler);
	}

	static Stream<Arguments> decisionTable() {
		return DecisionTableRows.rows();
	}

	@ParameterizedTest(name = "{0}: primary {2}, secondary {3}")
	@MethodSource("decisionTable")
	void followsTheDecisionTable(String row, MockResponse primaryAnswer, int primaryRequests, int secondaryRequests,
			Class<? extends CometApiException> failure) {
		mock.server().model(PRIMARY).respond(primaryAnswer);
		Mono<ChatCompletion> call = builder().build().prompt("Hi");
		if (failure == null) {
			ChatCompletion completion = call.block(Duration.ofSeconds(10));
			assertThat(completion.callResult().servedModel()).isEqualTo(SECONDARY);
			assertThat(completion.callResult().attempts()).isEqualTo(primaryRequests + secondaryRequests);
			assertThat(completion.callResult().modelsTriedBefore()).extracting(FailedModel::model)
				.containsExactly(PRIMARY);
			assertThat(completion.callResult().modelsTriedBefore().get(0).attempts()).isEqualTo(primaryRequests);
		}
		else {
			CometApiException ex = CometTemplateTests.failure(call);
			assertThat(ex).isExactlyInstanceOf(failure);
			assertThat(ex.getDecision()).isEqualTo(CometErrorDecision.FAIL);
			assertThat(ex.getModel()).isEqualTo(PRIMARY);
			assertThat(ex.getRequestId()).isEqualTo(mock.server().requests(PRIMARY).get(0).requestId());
			assertThat(ex.getBodyExcerpt()).isNotBlank();
		}
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(primaryRequests);
		assertThat(mock.server().requestCount(SECONDARY)).isEqualTo(secondaryRequests);
	}

	@Test
	void retriesTheSameModelUntilItAnswers() {
		mock.server()
			.model(PRIMARY)
			.enqueue(MockResponse.serviceUnavailable(), MockResponse.rateLimited())
			.respond(MockResponse.ok());
		ChatCompletion completion = builder().build().prompt("Hi").block(Duration.ofSeconds(10));
		assertThat(completion.callResult().servedModel()).isEqualTo(PRIMARY);
		assertThat(completion.callResult().attempts()).isEqualTo(3);
		assertThat(completion.callResult().fellBack()).isFalse();
		assertThat(mock.server().requestCount(SECONDARY)).isZero();
		assertThat(this.scheduler.backoffs()).hasSize(2)
			.allSatisfy((delay) -> assertThat(delay).isLessThanOrEqualTo(Duration.ofMillis(200)));
	}

	@Test
	void listsEveryModelWhenAllFail() {
		mock.server().anyModel().respond(MockResponse.serviceUnavailable());
		CometApiException ex = CometTemplateTests.failure(builder().build().prompt("Hi"));
		assertThat(ex).isInstanceOf(CometFallbackExhaustedException.class)
			.hasMessageContaining("All configured model fallbacks failed");
		CometFallbackExhaustedException exhausted = (CometFallbackExhaustedException) ex;
		assertThat(exhausted.getModelsTried()).containsExactly(PRIMARY, SECONDARY);
		assertThat(exhausted.getSuppressed()).hasSize(2).allSatisfy((suppressed) -> {
			assertThat(suppressed).isInstanceOf(CometServerException.class);
			assertThat(((CometApiException) suppressed).getStatus()).isEqualTo(503);
		});
		assertThat(mock.server().requestCount()).isEqualTo(6);
	}

	@Test
	void aSingleModelFailsWithItsOwnException() {
		mock.server().anyModel().respond(MockResponse.serviceUnavailable());
		CometApiException ex = CometTemplateTests.failure(builder().models(PRIMARY).build().prompt("Hi"));
		assertThat(ex).isInstanceOf(CometServerException.class);
		assertThat(ex.isRetryable()).isTrue();
		assertThat(mock.server().requestCount()).isEqualTo(3);
	}

	@Test
	void anExplicitModelDoesNotFallBackUnlessAsked() {
		mock.server().anyModel().respond(MockResponse.noAvailableChannel());
		CometTemplate template = builder().build();
		CometTemplateTests.failure(template.chat("gpt-4o-mini", "Hi"));
		assertThat(mock.server().requestCount()).isEqualTo(1);
		mock.server().model("gpt-4o-mini").respond(MockResponse.noAvailableChannel());
		mock.server().model(SECONDARY).respond(MockResponse.ok());
		ChatRequest request = ChatRequest.builder().model("gpt-4o-mini").user("Hi").fallbackModels(SECONDARY).build();
		assertThat(template.chat(request).block(Duration.ofSeconds(10)).callResult().servedModel())
			.isEqualTo(SECONDARY);
	}

	@Test
	void honoursRetryAfterInSeconds() {
		mock.server()
			.model(PRIMARY)
			.enqueue(MockResponse.rateLimited(Duration.ofSeconds(2)))
			.respond(MockResponse.ok());
		builder().build().prompt("Hi").block(Duration.ofSeconds(10));
		assertThat(this.scheduler.backoffs()).containsExactly(Duration.ofSeconds(2));
	}

	@Test
	void honoursRetryAfterMs() {
		mock.server().model(PRIMARY).enqueue(MockResponse.rateLimitedMs(1500)).respond(MockResponse.ok());
		builder().build().prompt("Hi").block(Duration.ofSeconds(10));
		assertThat(this.scheduler.backoffs()).containsExactly(Duration.ofMillis(1500));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("garbageRetryAfter")
	void ignoresAGarbageRetryAfter(String header, String value) {
		mock.server()
			.model(PRIMARY)
			.enqueue(MockResponse.rateLimited().header(header, value))
			.respond(MockResponse.ok());
		builder().retry(new RetrySettings(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), Jitter.NONE, true))
			.build()
			.prompt("Hi")
			.block(Duration.ofSeconds(10));
		assertThat(this.scheduler.backoffs()).containsExactly(Duration.ofMillis(100));
	}

	static Stream<Arguments> garbageRetryAfter() {
		return Stream.of(Arguments.of("Retry-After", "-30"), Arguments.of("Retry-After", "NaN"),
				Arguments.of("Retry-After", "Infinity"), Arguments.of("Retry-After", "soon"),
				Arguments.of("retry-after-ms", "NaN"), Arguments.of("retry-after-ms", "-500"),
				Arguments.of("retry-after-ms", "-Infinity"));
	}

	@Test
	void honoursRetryAfterAsHttpDate() {
		mock.server()
			.model(PRIMARY)
			.enqueue(MockResponse.rateLimitedUntil(ZonedDateTime.now().plusSeconds(20)))
			.respond(MockResponse.ok());
		builder().build().prompt("Hi").block(Duration.ofSeconds(10));
		assertThat(this.scheduler.backoffs()).singleElement()
			.satisfies((delay) -> assertThat(delay).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(21)));
	}

	@Test
	void movesOnInsteadOfSleepingPastTheDeadline() {
		mock.server().model(PRIMARY).respond(MockResponse.rateLimited(Duration.ofSeconds(600)));
		ChatCompletion completion = builder().timeout(Duration.ofMinutes(5))
			.build()
			.prompt("Hi")
			.block(Duration.ofSeconds(10));
		assertThat(completion.callResult().servedModel()).isEqualTo(SECONDARY);
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(1);
		assertThat(this.scheduler.backoffs()).isEmpty();
	}

	@Test
	void failsWithATimeoutWhenTheDeadlinePasses() {
		mock.server().anyModel().respond(MockResponse.ok().delay(Duration.ofSeconds(5)));
		CometTemplate template = CometTemplate.builder()
			.baseUrl(mock.baseUrl())
			.apiKey("test-key")
			.models(PRIMARY)
			.timeout(Duration.ofMillis(300))
			.build();
		CometApiException ex = CometTemplateTests.failure(template.prompt("Hi"));
		assertThat(ex).isInstanceOf(CometTimeoutException.class).hasMessageContaining("deadline");
		assertThat(ex.getDecision()).isEqualTo(CometErrorDecision.FAIL);
	}

	@Test
	void retryBudgetCapsRetriesUnderAnOutage() {
		mock.server().anyModel().respond(MockResponse.serviceUnavailable());
		CometTemplate template = builder().models(PRIMARY)
			.retryBudget(RetryBudget.of(0.2, 0, Duration.ofSeconds(10)))
			.build();
		int calls = 100;
		Flux.range(0, calls)
			.flatMap((i) -> template.prompt("Hi").onErrorResume((ex) -> Mono.empty()), 8)
			.blockLast(Duration.ofSeconds(30));
		assertThat(mock.server().requestCount()).isBetween(calls, calls + (int) (calls * 0.2) + 1);
	}

	@Test
	void skipsAModelInCooldown() {
		mock.server().model(PRIMARY).respond(MockResponse.serviceUnavailable());
		CometTemplate template = builder().retry(THREE_ATTEMPTS.withMaxAttempts(1))
			.cooldown(new CooldownSettings(true, 0.5, 4, 2, Duration.ofMinutes(5)))
			.build();
		for (int i = 0; i < 2; i++) {
			template.prompt("Hi").block(Duration.ofSeconds(10));
		}
		assertThat(template.getModelState().getCooldown().isCoolingDown(PRIMARY)).isTrue();
		ChatCompletion completion = template.prompt("Hi").block(Duration.ofSeconds(10));
		assertThat(completion.callResult().servedModel()).isEqualTo(SECONDARY);
		assertThat(completion.callResult().attempts()).isEqualTo(1);
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(2);
	}

	@Test
	void movesToTheNextModelWhenARetryCouldNotEndBeforeTheDeadline() {
		VirtualTimeScheduler virtualTime = VirtualTimeScheduler.create();
		mock.server().model(PRIMARY).respond(MockResponse.ok().delay(Duration.ofMinutes(10)));
		CometTrafficRecorder traffic = new CometTrafficRecorder(10);
		CometTemplate template = builder().responseTimeout(Duration.ofSeconds(60))
			.timeout(Duration.ofMinutes(2))
			.cooldown(new CooldownSettings(true, 0.5, 1, 1, Duration.ofMinutes(5)))
			.observationRegistry(registryWith(traffic))
			.scheduler(virtualTime)
			.build();
		AtomicReference<Object> outcome = new AtomicReference<>();
		template.prompt("Hi").subscribe(outcome::set, outcome::set);
		await().atMost(Duration.ofSeconds(10)).until(() -> mock.server().requestCount(PRIMARY) == 1);
		virtualTime.advanceTimeBy(Duration.ofSeconds(60));
		await().atMost(Duration.ofSeconds(10)).until(() -> outcome.get() != null);
		assertThat(outcome.get()).isInstanceOfSatisfying(ChatCompletion.class, (completion) -> {
			assertThat(completion.callResult().servedModel()).isEqualTo(SECONDARY);
			assertThat(completion.callResult().modelsTriedBefore()).singleElement()
				.satisfies((failed) -> assertThat(failed.failure()).isInstanceOf(CometTimeoutException.class));
			assertThat(completion.callResult().duration()).isLessThan(Duration.ofSeconds(61));
		});
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(1);
		assertThat(mock.server().requestCount(SECONDARY)).isEqualTo(1);
		assertThat(template.getModelState().getCooldown().isCoolingDown(PRIMARY)).isTrue();
		assertThat(traffic.traffic().get(PRIMARY).failures()).isEqualTo(1);
	}

	@Test
	void theLastModelIsRetriedWithWhateverTimeIsLeft() {
		VirtualTimeScheduler virtualTime = VirtualTimeScheduler.create();
		mock.server().model(PRIMARY).enqueue(MockResponse.serviceUnavailable()).respond(MockResponse.ok());
		CometTemplate template = builder().models(PRIMARY)
			.retry(new RetrySettings(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(1), Jitter.NONE, true))
			.responseTimeout(Duration.ofSeconds(60))
			.timeout(Duration.ofSeconds(30))
			.scheduler(virtualTime)
			.build();
		AtomicReference<Object> outcome = new AtomicReference<>();
		template.prompt("Hi").subscribe(outcome::set, outcome::set);
		await().atMost(Duration.ofSeconds(10)).until(() -> mock.server().requestCount(PRIMARY) == 1);
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			virtualTime.advanceTimeBy(Duration.ofSeconds(1));
			return outcome.get() != null;
		});
		assertThat(outcome.get()).isInstanceOf(ChatCompletion.class);
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(2);
	}

	@Test
	void aCallDeadlineCountsAsAFailureOfTheModelItCutShort() {
		VirtualTimeScheduler virtualTime = VirtualTimeScheduler.create();
		mock.server().model(PRIMARY).respond(MockResponse.ok().delay(Duration.ofMinutes(10)));
		CometTrafficRecorder traffic = new CometTrafficRecorder(10);
		CometTemplate template = builder().models(PRIMARY)
			.responseTimeout(Duration.ofMinutes(5))
			.timeout(Duration.ofMinutes(2))
			.cooldown(new CooldownSettings(true, 0.5, 1, 1, Duration.ofMinutes(5)))
			.observationRegistry(registryWith(traffic))
			.scheduler(virtualTime)
			.build();
		AtomicReference<Object> outcome = new AtomicReference<>();
		template.prompt("Hi").subscribe(outcome::set, outcome::set);
		await().atMost(Duration.ofSeconds(10)).until(() -> mock.server().requestCount(PRIMARY) == 1);
		virtualTime.advanceTimeBy(Duration.ofMinutes(2));
		await().atMost(Duration.ofSeconds(10)).until(() -> outcome.get() != null);
		assertThat(outcome.get()).isInstanceOfSatisfying(CometTimeoutException.class,
				(ex) -> assertThat(ex).hasMessageContaining("deadline"));
		assertThat(template.getModelState().getCooldown().isCoolingDown(PRIMARY)).isTrue();
		assertThat(traffic.traffic().get(PRIMARY).failures()).isEqualTo(1);
	}

	@Test
	void judgesBackoffAgainstTheDeadlineOnTheSchedulersClock() {
		Duration retryAfter = Duration.ofSeconds(40);
		VirtualTimeScheduler clock = VirtualTimeScheduler.create();
		DelayRecordingScheduler virtualTime = new DelayRecordingScheduler(Duration.ZERO, clock);
		mock.server().model(PRIMARY).respond(MockResponse.rateLimited(retryAfter));
		CometTemplate template = builder()
			.retry(new RetrySettings(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(1), Jitter.NONE, true))
			.responseTimeout(Duration.ofSeconds(1))
			.timeout(Duration.ofSeconds(100))
			.scheduler(virtualTime)
			.build();
		AtomicReference<Object> outcome = new AtomicReference<>();
		template.prompt("Hi").subscribe(outcome::set, outcome::set);
		for (int backoff = 1; backoff <= 2; backoff++) {
			int backoffs = backoff;
			await().atMost(Duration.ofSeconds(10)).until(() -> virtualTime.count(retryAfter) == backoffs);
			clock.advanceTimeBy(retryAfter);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> outcome.get() != null);
		assertThat(outcome.get()).isInstanceOfSatisfying(ChatCompletion.class,
				(completion) -> assertThat(completion.callResult().servedModel()).isEqualTo(SECONDARY));
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(3);
		assertThat(virtualTime.count(retryAfter)).isEqualTo(2);
	}

	private static ObservationRegistry registryWith(CometTrafficRecorder traffic) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(traffic);
		return registry;
	}

	@Test
	void aRequestsRepeatedFallbackModelIsTriedOnce() {
		mock.server().anyModel().respond(MockResponse.serviceUnavailable());
		ChatRequest request = ChatRequest.builder().model(PRIMARY).user("Hi").fallbackModels(PRIMARY, PRIMARY).build();
		CometApiException ex = CometTemplateTests.failure(builder().build().chat(request));
		assertThat(ex).isInstanceOf(CometServerException.class);
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(3);
	}

	@Test
	void hedgingWaitsForTheSlowModelWhenTheOtherFailsAtOnce() {
		mock.server().model(PRIMARY).respond(MockResponse.ok().delay(Duration.ofMillis(300)));
		mock.server().model(SECONDARY).respond(MockResponse.badRequest());
		CometTemplate template = builder()
			.route(new CometRoute("hedged", List.of(PRIMARY, SECONDARY), null, null, Duration.ofMillis(100)))
			.build();
		ChatCompletion completion = template.route("hedged").prompt("Hi").block(Duration.ofSeconds(10));
		assertThat(completion.callResult().servedModel()).isEqualTo(PRIMARY);
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(1);
		assertThat(mock.server().requestCount(SECONDARY)).isEqualTo(1);
	}

	@Test
	void hedgingFailsWithTheFirstModelsErrorWhenBothFail() {
		mock.server().model(PRIMARY).respond(MockResponse.unauthorized().delay(Duration.ofMillis(300)));
		mock.server().model(SECONDARY).respond(MockResponse.badRequest());
		CometTemplate template = builder()
			.route(new CometRoute("hedged", List.of(PRIMARY, SECONDARY), null, null, Duration.ofMillis(100)))
			.build();
		CometApiException ex = CometTemplateTests.failure(template.route("hedged").prompt("Hi"));
		assertThat(ex).isInstanceOf(CometAuthenticationException.class);
		assertThat(mock.server().requestCount(SECONDARY)).isEqualTo(1);
	}

	@Test
	void hedgingTakesTheFirstSuccessAndCancelsTheOther() {
		mock.server().model(PRIMARY).respond(MockResponse.ok().delay(Duration.ofSeconds(20)));
		CometTemplate template = CometTemplate.builder()
			.baseUrl(mock.baseUrl())
			.apiKey("test-key")
			.route(new CometRoute("hedged", List.of(PRIMARY, SECONDARY), null, null, Duration.ofMillis(100)))
			.build();
		ChatCompletion completion = template.route("hedged").prompt("Hi").block(Duration.ofSeconds(10));
		assertThat(completion.callResult().servedModel()).isEqualTo(SECONDARY);
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(1);
		assertThat(mock.server().requestCount(SECONDARY)).isEqualTo(1);
		await().atMost(Duration.ofSeconds(5)).until(() -> mock.server().disconnects() == 1);
	}

	@Test
	void hedgingStillFailsAtOnceOnABadRequest() {
		mock.server().model(PRIMARY).respond(MockResponse.badRequest());
		CometTemplate template = CometTemplate.builder()
			.baseUrl(mock.baseUrl())
			.apiKey("test-key")
			.route(new CometRoute("hedged", List.of(PRIMARY, SECONDARY), null, null, Duration.ofSeconds(5)))
			.build();
		CometApiException ex = CometTemplateTests.failure(template.route("hedged").prompt("Hi"));
		assertThat(ex).isInstanceOf(CometBadRequestException.class);
		assertThat(mock.server().requestCount(SECONDARY)).isZero();
	}

	@Test
	void cancellingTheCallStopsItsRetries() {
		VirtualTimeScheduler virtualTime = VirtualTimeScheduler.create();
		mock.server().model(PRIMARY).respond(MockResponse.serviceUnavailable());
		CometTemplate template = builder().models(PRIMARY)
			.retry(new RetrySettings(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(1), Jitter.NONE, true))
			.scheduler(virtualTime)
			.build();
		Disposable call = template.prompt("Hi").subscribe((completion) -> {
		}, (ex) -> {
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> mock.server().requestCount() == 1);
		call.dispose();
		virtualTime.advanceTimeBy(Duration.ofMinutes(1));
		assertThat(mock.server().requestCount()).isEqualTo(1);
	}

	@Test
	void statusOverridesWinOverTheTable() {
		mock.server().model(PRIMARY).respond(MockResponse.badRequest());
		CometTemplate template = builder()
			.errorClassifier(new DefaultCometErrorClassifier()
				.withOverrides(java.util.Map.of(400, CometErrorDecision.NEXT_MODEL)))
			.build();
		assertThat(template.prompt("Hi").block(Duration.ofSeconds(10)).callResult().servedModel()).isEqualTo(SECONDARY);
	}

}
