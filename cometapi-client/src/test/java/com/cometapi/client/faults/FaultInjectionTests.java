package com.cometapi.client.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.cometapi.logging.CapturedLogs;
import com.cometapi.logging.LogCaptureExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.ConnectionPoolStats;
import com.cometapi.client.error.CometApiException;
import com.cometapi.client.error.CometStreamTimeoutException;
import com.cometapi.client.error.CometTimeoutException;
import com.cometapi.client.observation.CometAttemptContext;
import com.cometapi.client.resilience.AdaptiveConcurrencyLimiter;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.LimiterSnapshot;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault-injection suite: thousands of calls per scenario through a real
 * {@link CometTemplate} with a real {@link AdaptiveConcurrencyLimiter} against
 * {@link CometApiMockServer} scripted with faults. Every call has its own models, each
 * scripted with one answer per attempt from a seeded generator, so the requests each
 * model must see and the way each call must end follow exactly from the decision table
 * ({@link ScriptedCall#expect}). After each scenario: no call hung past its deadline,
 * each ended with a success or the expected {@link CometApiException}, every model saw
 * exactly the expected requests, every permit is back, the connection pool and the mock
 * are at rest, and the API key is in no captured log line.
 */
@ExtendWith(LogCaptureExtension.class)
class FaultInjectionTests {

	private static final int CALLS = 2_000;

	private static final int CONCURRENCY = 64;

	private static final int MAX_ATTEMPTS = 3;

	private static final String API_KEY = "sk-fault-suite-7f3a9c1e5b2d4a6f8e0c";

	@RegisterExtension
	final CometApiMockServerExtension mockExtension = new CometApiMockServerExtension();

	private final CometApiMockServer mock = this.mockExtension.server();

	private final AdaptiveConcurrencyLimiter limiter = AdaptiveConcurrencyLimiter.builder()
		.maxInFlight(4)
		.maxQueued(100)
		.queueTimeout(Duration.ofSeconds(5))
		.build();

	private final Map<String, Integer> attemptTimeouts = new ConcurrentHashMap<>();

	private final Map<String, List<String>> attemptFailures = new ConcurrentHashMap<>();

	private CometTemplate template;

	private CometTemplate template(Duration attemptTimeout) {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new AttemptRecorder(this.attemptTimeouts, this.attemptFailures));
		this.template = CometTemplate.builder()
			.baseUrl(this.mock.baseUrl())
			.apiKey(API_KEY)
			.limiter(this.limiter)
			.knownModelsMatching((model) -> true)
			.retry(new RetrySettings(MAX_ATTEMPTS, Duration.ofMillis(1), 2.0, Duration.ofMillis(5), Jitter.FULL, true))
			.retryBudget(RetryBudget.unlimited())
			.responseTimeout(attemptTimeout)
			.streamFirstChunkTimeout(attemptTimeout)
			.streamIdleTimeout(attemptTimeout)
			.timeout(FaultTimeouts.CALL)
			.observationRegistry(observations)
			.build();
		return this.template;
	}

	@AfterEach
	void close() {
		if (this.template != null) {
			this.template.close();
		}
	}

	@Test
	void connectionResetsOfOneRequestInFiveFollowTheDecisionTable(CapturedLogs output) {
		run(new Scenario(1L, false, 0, Map.of(Fault.CONNECTION_RESET, 20, Fault.OK, 80), Map.of()), output);
	}

	@Test
	void truncatedBodiesFollowTheDecisionTable(CapturedLogs output) {
		run(new Scenario(2L, false, 0, Map.of(Fault.TRUNCATED_BODY, 30, Fault.OK, 70), Map.of()), output);
	}

	@Test
	void malformedJsonIsRetriedOnceThenFallsBack(CapturedLogs output) {
		run(new Scenario(3L, false, 0, Map.of(Fault.MALFORMED_JSON, 35, Fault.OK, 65), Map.of()), output);
	}

	@Test
	void htmlOriginTimeoutsFollowTheDecisionTable(CapturedLogs output) {
		run(new Scenario(4L, false, 0,
				Map.of(Fault.ORIGIN_TIMEOUT_HTML_524, 30, Fault.BAD_GATEWAY_HTML, 5, Fault.OK, 65), Map.of()), output);
	}

	@Test
	void stalledStreamsEndWithinTheirTimeouts(CapturedLogs output) {
		run(new Scenario(5L, true, 100, Map.of(),
				Map.of(Fault.STREAM_STALLED_BEFORE_FIRST_CHUNK, 8, Fault.STREAM_STALLED_AFTER_TWO_CHUNKS, 6,
						Fault.STREAM_ERROR_EVENT_AFTER_ONE_CHUNK, 5, Fault.STREAM_WITHOUT_DONE, 5, Fault.OK, 76)),
				output);
	}

	@Test
	void slowFirstBytesTimeOutAndAreRetried(CapturedLogs output) {
		run(new Scenario(6L, true, 30, Map.of(Fault.SLOW_FIRST_BYTE, 20, Fault.OK_SLIGHTLY_LATE, 20, Fault.OK, 60),
				Map.of(Fault.SLOW_FIRST_BYTE, 20, Fault.OK_SLIGHTLY_LATE, 20, Fault.OK, 60)), output);
	}

	@Test
	void randomMixOfEveryDecisionTableRowFollowsTheTable(CapturedLogs output) {
		Map<Fault, Integer> chat = new LinkedHashMap<>();
		Map<Fault, Integer> stream = new LinkedHashMap<>();
		for (Fault fault : Fault.values()) {
			boolean streamOnly = fault.name().startsWith("STREAM_");
			if (!streamOnly) {
				chat.put(fault, (fault == Fault.OK) ? 40 : 3);
			}
			if (streamOnly || fault.response().toString().contains("FIXED") || fault == Fault.CONNECTION_RESET
					|| fault == Fault.SLOW_FIRST_BYTE) {
				stream.put(fault, 3);
			}
		}
		stream.put(Fault.OK, 40);
		run(new Scenario(7L, true, 25, chat, stream), output);
	}

	private void run(Scenario scenario, CapturedLogs output) {
		template(scenario.timed() ? FaultTimeouts.ATTEMPT : FaultTimeouts.RELAXED);
		warmUp();
		List<ScriptedCall> calls = scenario.calls(CALLS);
		calls.forEach(this::script);
		long started = System.nanoTime();
		List<Ended> ended = Flux.fromIterable(calls)
			.flatMap(this::call, CONCURRENCY)
			.collectList()
			.block(Duration.ofSeconds(120));
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(ended).hasSize(calls.size());
		List<String> wrong = new ArrayList<>();
		Set<ScriptedCall> late = new HashSet<>();
		for (Ended call : ended) {
			ScriptedCall.Expectation expected = call.call().expect(MAX_ATTEMPTS);
			Throwable failure = call.failure();
			if (failure instanceof TimeoutException) {
				wrong.add(call + " hung past its deadline");
			}
			else if (failure != null && !(failure instanceof CometApiException)) {
				wrong.add(call + " failed with an untyped " + failure);
			}
			else if (failure != null && (String.valueOf(failure.getMessage()).contains(API_KEY)
					|| String.valueOf(failure).contains(API_KEY))) {
				wrong.add(call + " has the API key in its exception");
			}
			else if (!closedUnscripted(call).isEmpty()) {
				wrong.add(call + " lost an answered request: the connection closed before the response on "
						+ closedUnscripted(call));
			}
			else if (scenario.timed() && timedOutUnscripted(call.call(), expected, failure)) {
				late.add(call.call());
			}
			else if (expected.failure() == null && failure != null) {
				wrong.add(call + " should have succeeded but failed with " + failure);
			}
			else if (expected.failure() != null && !expected.failure().isInstance(failure)) {
				wrong.add(call + " should have failed with " + expected.failure().getSimpleName() + " but ended with "
						+ failure);
			}
		}
		assertThat(wrong).as("calls that did not end as the decision table says").isEmpty();
		// A load average of 30 on two cores made 13% of the answers late with 2 s
		// attempts;
		// the other 90% or more are still held to the table's exact counts below.
		assertThat(late).as("calls whose answer came late under load").hasSizeLessThanOrEqualTo(calls.size() / 10);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.mock.inFlight() == 0);
		Map<String, Integer> seen = new HashMap<>();
		for (RecordedRequest request : this.mock.requests()) {
			seen.merge(String.valueOf(request.model()), 1, Integer::sum);
		}
		List<String> miscounted = new ArrayList<>();
		int expectedTotal = 0;
		int lateRequests = 0;
		for (ScriptedCall call : calls) {
			ScriptedCall.Expectation expected = call.expect(MAX_ATTEMPTS);
			for (Map.Entry<String, Integer> model : expected.requests().entrySet()) {
				expectedTotal += model.getValue();
				int actual = seen.getOrDefault(model.getKey(), 0);
				if (late.contains(call)) {
					lateRequests += actual - model.getValue();
					continue;
				}
				if (actual != model.getValue()) {
					miscounted.add(model.getKey() + " saw " + actual + " request(s), the table says " + model.getValue()
							+ " for " + call.scripts());
				}
			}
		}
		assertThat(miscounted).as("models whose request count differs from the decision table").isEmpty();
		assertThat(this.mock.requestCount()).isEqualTo(expectedTotal + lateRequests);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.limiter.snapshots()).allSatisfy(
					(snapshot) -> assertThat(snapshot).extracting(LimiterSnapshot::inFlight, LimiterSnapshot::queued)
						.containsExactly(0, 0)));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.template.getConnectionPoolStats())
				.satisfies((stats) -> assertThat(stats.isAtRest()).as("%s at rest", stats).isTrue()));
		ConnectionPoolStats pool = this.template.getConnectionPoolStats();
		assertThat(pool.allocated()).as("connections kept by the pool").isPositive();
		assertThat(output.getAll()).contains("CometAPI attempt failed").doesNotContain(API_KEY);
		System.out.printf("fault scenario seed=%d: %d calls, %d requests in %d ms, %d late under load, pool %s%n",
				scenario.seed(), calls.size(), expectedTotal + lateRequests, took.toMillis(), late.size(), pool);
	}

	/**
	 * Return the models of a call whose connection closed before the response although
	 * none of the answers the table lets them give is a connection reset: the request
	 * reached the mock, which answered it, so the answer was lost on the way back (as
	 * when a late cancel closed a connection that had gone back to the pool and on to
	 * this request).
	 */
	private static List<String> closedUnscripted(Ended call) {
		Map<String, Integer> requests = call.call().expect(MAX_ATTEMPTS).requests();
		return call.attemptFailures()
			.entrySet()
			.stream()
			.filter((model) -> model.getValue()
				.stream()
				.anyMatch((failure) -> failure.contains("prematurely closed BEFORE response")))
			.map(Map.Entry::getKey)
			.filter((model) -> !call.call()
				.scripts()
				.get(model)
				.subList(0, requests.get(model))
				.contains(Fault.CONNECTION_RESET))
			.toList();
	}

	/**
	 * Whether a call met a timeout its script does not explain: an attempt timed out more
	 * often than its model's script has answers that time out, or a stream stalled that
	 * was not scripted to. On a loaded machine a scripted answer can come later than an
	 * attempt's timeout; such calls are counted, bounded and left out of the exact
	 * request count.
	 */
	private boolean timedOutUnscripted(ScriptedCall call, ScriptedCall.Expectation expected, Throwable failure) {
		for (Map.Entry<String, List<Fault>> script : call.scripts().entrySet()) {
			int attempts = expected.requests().get(script.getKey());
			long scripted = script.getValue()
				.subList(0, attempts)
				.stream()
				.filter((fault) -> fault.exception() == CometTimeoutException.class)
				.count();
			if (this.attemptTimeouts.getOrDefault(script.getKey(), 0) > scripted) {
				return true;
			}
		}
		return failure instanceof CometStreamTimeoutException
				&& expected.failure() != CometStreamTimeoutException.class;
	}

	/**
	 * Let the JIT and the connection pool warm up, so that a cold start cannot make a
	 * scripted success late enough to time out.
	 */
	private void warmUp() {
		Flux.range(0, 300)
			.flatMap((i) -> (i % 3 == 0) ? this.template.stream(ChatRequest.of("warm-up-" + i, "hi")).then()
					: this.template.chat("warm-up-" + i, "hi").then(), CONCURRENCY)
			.then()
			.block(Duration.ofSeconds(60));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.mock.inFlight() == 0);
		this.mock.reset();
	}

	private void script(ScriptedCall call) {
		call.scripts()
			.forEach((model, faults) -> faults.forEach((fault) -> this.mock.model(model).enqueue(fault.response())));
	}

	private Mono<Ended> call(ScriptedCall call) {
		List<String> models = call.models();
		ChatRequest request = ChatRequest.of(models.get(0), "call " + call.index())
			.toBuilder()
			.fallbackModels(models.subList(1, models.size()))
			.build();
		Mono<Long> outcome = call.stream() ? this.template.stream(request).count()
				: this.template.chat(request).thenReturn(1L);
		return outcome.timeout(FaultTimeouts.HANG)
			.map((received) -> new Ended(call, null, attemptFailuresOf(call)))
			.onErrorResume((ex) -> Mono.just(new Ended(call, ex, attemptFailuresOf(call))));
	}

	private Map<String, List<String>> attemptFailuresOf(ScriptedCall call) {
		Map<String, List<String>> failures = new LinkedHashMap<>();
		call.models().forEach((model) -> failures.put(model, this.attemptFailures.getOrDefault(model, List.of())));
		return failures;
	}

	/**
	 * Counts the attempts of each model that timed out and keeps how each failed.
	 */
	private record AttemptRecorder(Map<String, Integer> timeouts,
			Map<String, List<String>> failures) implements ObservationHandler<CometAttemptContext> {

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof CometAttemptContext;
		}

		@Override
		public void onError(CometAttemptContext context) {
			if (context.getError() instanceof CometTimeoutException) {
				this.timeouts.merge(context.getModel(), 1, Integer::sum);
			}
			this.failures.computeIfAbsent(context.getModel(), (model) -> new CopyOnWriteArrayList<>())
				.add(context.getAttempt() + ": " + context.getError());
		}

	}

	/**
	 * How one call ended, with how its failed attempts failed.
	 */
	private record Ended(ScriptedCall call, Throwable failure, Map<String, List<String>> attemptFailures) {

		@Override
		public String toString() {
			return "call " + this.call.index() + (this.call.stream() ? " (stream) " : " ") + this.call.scripts()
					+ " attempts failed " + this.attemptFailures;
		}

	}

	/**
	 * A seeded generator of scripted calls.
	 *
	 * @param seed the seed, printed with the scenario's numbers
	 * @param timed whether answers are scripted to time out: then attempts time out after
	 * {@link FaultTimeouts#ATTEMPT}, else after {@link FaultTimeouts#RELAXED}
	 * @param streamPercent the share of streamed calls
	 * @param chatFaults weights of the answers to plain calls
	 * @param streamFaults weights of the answers to streamed calls
	 */
	private record Scenario(long seed, boolean timed, int streamPercent, Map<Fault, Integer> chatFaults,
			Map<Fault, Integer> streamFaults) {

		List<ScriptedCall> calls(int count) {
			Random random = new Random(this.seed);
			List<Fault> chat = expand(this.chatFaults);
			List<Fault> stream = expand(this.streamFaults);
			List<ScriptedCall> calls = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				boolean streamed = random.nextInt(100) < this.streamPercent;
				List<Fault> pool = streamed ? stream : chat;
				Map<String, List<Fault>> scripts = new LinkedHashMap<>();
				int models = 1 + random.nextInt(3);
				for (int m = 0; m < models; m++) {
					List<Fault> answers = new ArrayList<>(MAX_ATTEMPTS);
					for (int a = 0; a < MAX_ATTEMPTS; a++) {
						answers.add(pool.get(random.nextInt(pool.size())));
					}
					scripts.put("s" + this.seed + "-c" + i + "-m" + m, answers);
				}
				calls.add(new ScriptedCall(i, streamed, scripts));
			}
			return calls;
		}

		private static List<Fault> expand(Map<Fault, Integer> weights) {
			List<Fault> faults = new ArrayList<>();
			weights.forEach((fault, weight) -> {
				for (int i = 0; i < weight; i++) {
					faults.add(fault);
				}
			});
			faults.sort(null);
			return faults;
		}

	}

}
