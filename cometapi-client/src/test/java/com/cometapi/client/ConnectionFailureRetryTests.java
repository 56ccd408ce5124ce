package com.cometapi.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.cometapi.client.error.CometApiException;
import com.cometapi.client.error.CometConnectionException;
import com.cometapi.client.error.CometServerException;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the pipeline's retries of connections that fail before any response byte, at
 * the defaults: they are absorbed on their own short schedule, the retry budget still
 * stops a storm, and a model that answers an error keeps its attempts and backoff. Counts
 * are the requests the mock server received.
 */
class ConnectionFailureRetryTests {

	private static final String PRIMARY = "gpt-4o";

	private static final String SECONDARY = "claude-sonnet-4-5";

	private static final int CALLS = 1_000;

	private static final int CALLERS = 32;

	private static final int STORM_CALLS = 400;

	/**
	 * The default budget's ratio and floor ({@code cometapi.retry.budget.*}), on a clock
	 * that stands still so that a whole run is one window and the bound is exact.
	 */
	private static final double DEFAULT_RATIO = RetryBudget.DEFAULT_RATIO;

	private static final int DEFAULT_MIN_RETRIES = RetryBudget.DEFAULT_MIN_RETRIES_PER_SECOND
			* (int) RetryBudget.DEFAULT_WINDOW.toSeconds();

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	@Test
	void absorbsAResetOfOneRequestInFiveAtTheDefaults() {
		Random random = new Random(15L);
		int requestsForAllCalls = 0;
		for (int ok = 0; ok < CALLS;) {
			boolean reset = random.nextInt(5) == 0;
			mock.server().anyModel().enqueue(reset ? MockResponse.connectionReset() : MockResponse.ok());
			requestsForAllCalls++;
			ok += reset ? 0 : 1;
		}
		try (CometTemplate template = defaults().build()) {
			List<Object> outcomes = calls(template, CALLS);
			assertThat(outcomes).hasSize(CALLS)
				.allSatisfy((outcome) -> assertThat(outcome).isInstanceOf(ChatCompletion.class));
		}
		assertThat(mock.server().requestCount()).isEqualTo(requestsForAllCalls);
		assertThat((double) mock.server().requestCount() / CALLS).isLessThanOrEqualTo(1.30);
	}

	@Test
	void aStormOfResetsStaysWithinTheRetryBudget() {
		mock.server().anyModel().respond(MockResponse.connectionReset());
		try (CometTemplate template = defaults().retryBudget(frozenDefaultBudget()).build()) {
			assertThat(calls(template, STORM_CALLS)).hasSize(STORM_CALLS)
				.allSatisfy((outcome) -> assertThat(outcome).isInstanceOf(CometConnectionException.class));
		}
		assertStormWithinBudget();
	}

	@Test
	void aStormOf503sStaysWithinTheRetryBudget() {
		mock.server().anyModel().respond(MockResponse.serviceUnavailable());
		try (CometTemplate template = defaults().retryBudget(frozenDefaultBudget())
			.scheduler(new DelayRecordingScheduler(Duration.ofSeconds(59)))
			.build()) {
			assertThat(calls(template, STORM_CALLS)).hasSize(STORM_CALLS)
				.allSatisfy((outcome) -> assertThat(outcome).isInstanceOf(CometServerException.class));
		}
		assertStormWithinBudget();
	}

	@Test
	void a503ModelFallsBackAfterItsUsualThreeAttempts() {
		DelayRecordingScheduler scheduler = new DelayRecordingScheduler(Duration.ofSeconds(59));
		mock.server().model(PRIMARY).respond(MockResponse.serviceUnavailable());
		ChatCompletion completion = served(defaults().models(PRIMARY, SECONDARY).scheduler(scheduler));
		assertThat(completion.callResult().servedModel()).isEqualTo(SECONDARY);
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(3);
		assertThat(mock.server().requestCount(SECONDARY)).isEqualTo(1);
		assertThat(scheduler.backoffs()).hasSize(2);
		assertThat(scheduler.backoffs().get(0)).isLessThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(scheduler.backoffs().get(1)).isLessThanOrEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void resetsOnA503ModelTakeNoneOfItsAttempts() {
		DelayRecordingScheduler scheduler = new DelayRecordingScheduler(Duration.ofSeconds(59));
		mock.server()
			.model(PRIMARY)
			.enqueue(MockResponse.connectionReset(), MockResponse.serviceUnavailable(), MockResponse.connectionReset(),
					MockResponse.serviceUnavailable())
			.respond(MockResponse.serviceUnavailable());
		ChatCompletion completion = served(defaults().models(PRIMARY, SECONDARY).scheduler(scheduler));
		assertThat(completion.callResult().servedModel()).isEqualTo(SECONDARY);
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(5);
		assertThat(mock.server().requestCount(SECONDARY)).isEqualTo(1);
		List<Duration> backoffs = scheduler.backoffs();
		assertThat(backoffs).hasSize(4);
		assertThat(backoffs.get(0)).isLessThanOrEqualTo(Duration.ofMillis(10));
		assertThat(backoffs.get(1)).isLessThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(backoffs.get(2)).isLessThanOrEqualTo(Duration.ofMillis(20));
		assertThat(backoffs.get(3)).isLessThanOrEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void aModelWhoseConnectionsAllResetFallsBackWithinAboutASecond() {
		DelayRecordingScheduler scheduler = new DelayRecordingScheduler(Duration.ofSeconds(59));
		mock.server().model(PRIMARY).respond(MockResponse.connectionReset());
		ChatCompletion completion = served(defaults().models(PRIMARY, SECONDARY).scheduler(scheduler));
		assertThat(completion.callResult().servedModel()).isEqualTo(SECONDARY);
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(10);
		assertThat(mock.server().requestCount(SECONDARY)).isEqualTo(1);
		assertThat(completion.callResult().modelsTriedBefore()).singleElement()
			.satisfies((failed) -> assertThat(failed.failure()).isInstanceOfSatisfying(CometConnectionException.class,
					(ex) -> assertThat(ex.isBeforeResponse()).isTrue()));
		long[] caps = { 10, 20, 40, 80, 160, 250, 250, 250, 250 };
		List<Duration> backoffs = scheduler.backoffs();
		assertThat(backoffs).hasSize(caps.length);
		for (int i = 0; i < caps.length; i++) {
			assertThat(backoffs.get(i)).isLessThanOrEqualTo(Duration.ofMillis(caps[i]));
		}
	}

	@Test
	void aBodyThatBreaksAfterItsStatusKeepsTheUsualAttempts() {
		DelayRecordingScheduler scheduler = new DelayRecordingScheduler(Duration.ofSeconds(59));
		mock.server().model(PRIMARY).respond(MockResponse.truncatedBody());
		ChatCompletion completion = served(defaults().models(PRIMARY, SECONDARY).scheduler(scheduler));
		assertThat(completion.callResult().servedModel()).isEqualTo(SECONDARY);
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(3);
		assertThat(completion.callResult().modelsTriedBefore()).singleElement()
			.satisfies((failed) -> assertThat(failed.failure()).isInstanceOfSatisfying(CometConnectionException.class,
					(ex) -> assertThat(ex.isBeforeResponse()).isFalse()));
		assertThat(scheduler.backoffs()).hasSize(2);
	}

	@Test
	void aStreamIsRetriedOnTheConnectionScheduleBeforeItsFirstChunk() {
		mock.server()
			.model(PRIMARY)
			.enqueue(MockResponse.connectionReset(), MockResponse.connectionReset(), MockResponse.connectionReset(),
					MockResponse.connectionReset())
			.respond(MockResponse.stream("Hello", " there"));
		try (CometTemplate template = defaults().build()) {
			List<ChatCompletionChunk> chunks = template.stream(ChatRequest.builder().model(PRIMARY).user("Hi").build())
				.collectList()
				.block(Duration.ofSeconds(30));
			assertThat(chunks).isNotEmpty();
		}
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(5);
	}

	/**
	 * Every call wants more retries than the budget holds, so the floor is surely spent
	 * and the ratio caps the rest: at most {@code 1 + ratio} requests per call.
	 */
	private void assertStormWithinBudget() {
		int requests = mock.server().requestCount();
		long bound = STORM_CALLS + Math.max(DEFAULT_MIN_RETRIES, (long) (DEFAULT_RATIO * STORM_CALLS));
		assertThat(requests).isGreaterThanOrEqualTo(STORM_CALLS + DEFAULT_MIN_RETRIES).isLessThanOrEqualTo((int) bound);
	}

	private static CometTemplate.Builder defaults() {
		return CometTemplate.builder().baseUrl(mock.baseUrl()).apiKey("test-key").models(PRIMARY);
	}

	private static RetryBudget frozenDefaultBudget() {
		return RetryBudget.of(DEFAULT_RATIO, RetryBudget.DEFAULT_MIN_RETRIES_PER_SECOND, RetryBudget.DEFAULT_WINDOW,
				() -> 0L);
	}

	private static ChatCompletion served(CometTemplate.Builder builder) {
		try (CometTemplate template = builder.build()) {
			return template.prompt("Hi").block(Duration.ofSeconds(30));
		}
	}

	private static List<Object> calls(CometTemplate template, int calls) {
		List<Object> outcomes = Flux.range(0, calls)
			.flatMap((i) -> template.prompt("Hi " + i)
				.<Object>map((completion) -> completion)
				.onErrorResume(CometApiException.class, Mono::just), CALLERS)
			.collectList()
			.block(Duration.ofMinutes(3));
		return (outcomes != null) ? outcomes : new ArrayList<>();
	}

}
