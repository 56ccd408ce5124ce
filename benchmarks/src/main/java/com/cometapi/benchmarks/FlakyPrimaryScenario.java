package com.cometapi.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.resilience.AdaptiveConcurrencyLimiter;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.MockResponse;

/**
 * A flaky primary model (half of its answers 503, in a sequence drawn from a fixed seed,
 * the same for every client) and a healthy secondary: raw {@code WebClient},
 * {@code CometTemplate} on the primary alone, and {@code CometTemplate} with the
 * secondary as fallback. The template keeps the starter's defaults except for time,
 * scaled down a hundredfold so that the scenario takes seconds: backoff 10 ms doubling to
 * at most 300 ms with full jitter (default 1 s to 30 s), cooldown 300 ms (default 30 s);
 * 3 attempts per model, the 20% retry budget and the adaptive limiter (max-in-flight 16)
 * are the defaults.
 *
 * @author CometAPI team
 */
final class FlakyPrimaryScenario {

	static final String PRIMARY = "flaky-primary";

	static final String SECONDARY = "healthy-secondary";

	static final long SEED = 42;

	static final RetrySettings RETRY = new RetrySettings(3, Duration.ofMillis(10), 2.0, Duration.ofMillis(300),
			Jitter.FULL, true);

	static final CooldownSettings COOLDOWN = new CooldownSettings(true, 0.5, 20, 10, Duration.ofMillis(300));

	private FlakyPrimaryScenario() {
	}

	/**
	 * Run the three clients.
	 * @param fixture the mock and the raw client
	 * @param calls calls per client
	 * @param concurrency calls in flight at once
	 * @return one result per client
	 */
	static List<Stats> run(ChatFixture fixture, int calls, int concurrency) {
		CometApiMockServer mock = fixture.mock();
		byte[] primaryBody = fixture.bodyOf(ChatRequest.of(PRIMARY, "Say hello."));
		try (CometTemplate alone = template(mock); CometTemplate withFallback = template(mock)) {
			ChatRequest primaryOnly = ChatRequest.of(PRIMARY, "Say hello.");
			ChatRequest fallback = ChatRequest.builder()
				.model(PRIMARY)
				.fallbackModels(List.of(SECONDARY))
				.user("Say hello.")
				.build();
			return List.of(measure("raw WebClient", fixture, calls, concurrency, () -> fixture.raw(primaryBody)),
					measure("CometTemplate, primary only", fixture, calls, concurrency, () -> alone.chat(primaryOnly)),
					measure("CometTemplate, primary + fallback", fixture, calls, concurrency,
							() -> withFallback.chat(fallback)));
		}
	}

	private static CometTemplate template(CometApiMockServer mock) {
		return CometTemplate.builder()
			.baseUrl(mock.baseUrl())
			.apiKey("benchmark-key")
			.retry(RETRY)
			.cooldown(COOLDOWN)
			.limiter(AdaptiveConcurrencyLimiter.builder().build())
			.build();
	}

	private static Stats measure(String client, ChatFixture fixture, int calls, int concurrency,
			Supplier<Mono<?>> call) {
		CometApiMockServer mock = fixture.mock();
		mock.reset();
		Random random = new Random(SEED);
		for (int i = 0; i < calls * 3; i++) {
			mock.model(PRIMARY).enqueue(random.nextBoolean() ? MockResponse.serviceUnavailable() : MockResponse.ok());
		}
		mock.model(SECONDARY).respond(MockResponse.ok());
		LoadDriver.Run run = LoadDriver.run(calls, concurrency, call);
		Stats stats = new Stats(client, calls, run.failed(), mock.requestCount(PRIMARY), mock.requestCount(SECONDARY),
				run.latency().getValueAtPercentile(50) / 1e6, run.latency().getValueAtPercentile(99) / 1e6,
				run.nanos() / 1e9);
		System.out.printf(Locale.ROOT, "  %-34s success %.1f%% requests/call %.2f p99 %.1f ms%n", client,
				stats.successRate(), stats.requestsPerCall(), stats.p99Millis());
		return stats;
	}

	/**
	 * What was measured of one client.
	 *
	 * @param client the client
	 * @param calls the calls made
	 * @param failed the calls that failed
	 * @param primaryRequests requests the primary received
	 * @param secondaryRequests requests the secondary received
	 * @param p50Millis median call latency
	 * @param p99Millis 99th percentile call latency
	 * @param seconds wall time
	 */
	record Stats(String client, int calls, int failed, int primaryRequests, int secondaryRequests, double p50Millis,
			double p99Millis, double seconds) {

		double successRate() {
			return 100.0 * (this.calls - this.failed) / this.calls;
		}

		double requestsPerCall() {
			return (double) (this.primaryRequests + this.secondaryRequests) / this.calls;
		}

	}

}
