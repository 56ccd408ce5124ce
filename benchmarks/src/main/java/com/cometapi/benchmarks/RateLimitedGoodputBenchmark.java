package com.cometapi.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.resilience.AdaptiveConcurrencyLimiter;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.resilience.LimiterSnapshot;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.MockResponse;

/**
 * Goodput of {@code CometTemplate} against a server with a fixed request rate: the mock
 * in capacity mode (200 requests/s, 429 beyond), 3,000 calls from 128 concurrent callers,
 * with no limiter, a fixed limiter set too high and the adaptive limiter. Every other
 * setting is the starter's default (3 attempts, 1 s backoff doubling with full jitter, a
 * 20% retry budget). Prints a markdown table and writes it, with a chart, to
 * {@code benchmarks/results/rate-limited-goodput.md}; part of {@link AllBenchmarks}.
 * <p>
 * Run: {@code ./mvnw -B -Pbenchmarks -pl benchmarks -am -DskipTests package exec:java}.
 * Arguments (all optional): calls, callers, server rate, server latency in ms.
 *
 * @author CometAPI team
 */
public final class RateLimitedGoodputBenchmark {

	private RateLimitedGoodputBenchmark() {
	}

	public static void main(String[] args) {
		System.setProperty("java.awt.headless", "true");
		int calls = arg(args, 0, 3000);
		int callers = arg(args, 1, 128);
		int rate = arg(args, 2, 200);
		int latencyMillis = arg(args, 3, 20);
		double physical = (double) calls / rate;
		List<Row> rows = new ArrayList<>();
		rows.add(run("no limiter", CometLimiter.unlimited(), calls, callers, rate, latencyMillis, physical));
		rows.add(
				run("fixed limiter (max-in-flight 64)", limiter(false), calls, callers, rate, latencyMillis, physical));
		rows.add(run("adaptive limiter (max-in-flight 64)", limiter(true), calls, callers, rate, latencyMillis,
				physical));
		StringBuilder table = new StringBuilder();
		table.append(String.format(Locale.ROOT,
				"Server: %d requests/s (429 beyond), %d ms latency; %d calls from %d callers; physical limit %.1f s%n%n",
				rate, latencyMillis, calls, callers, physical));
		table.append("| scenario | wall time | wall / physical limit | 429s drawn | 429s per call | failed calls |\n");
		table.append("|---|---|---|---|---|---|\n");
		rows.forEach((row) -> table.append(row.markdown()).append('\n'));
		List<String> scenarios = List.of("no limiter", "fixed limiter (64)", "adaptive limiter (64)");
		new Report("rate-limited-goodput", "Rate-limited goodput").append(table.toString())
			.append("\n")
			.chart("chart", "Against a " + rate + " requests/s server", "", scenarios,
					List.of(new Report.Series("wall / physical limit × 100",
							rows.stream().map((row) -> row.wallOverPhysical() * 100).toList()),
							new Report.Series("429s per call (%)",
									rows.stream().map((row) -> row.rateLimitedPerCall() * 100).toList()),
							new Report.Series("failed calls (%)",
									rows.stream().map((row) -> 100.0 * row.failed() / calls).toList())))
			.write();
	}

	private static AdaptiveConcurrencyLimiter limiter(boolean adaptive) {
		return AdaptiveConcurrencyLimiter.builder()
			.maxInFlight(64)
			.maxQueued(10_000)
			.queueTimeout(Duration.ofMinutes(5))
			.adaptive(adaptive)
			.build();
	}

	private static Row run(String scenario, CometLimiter limiter, int calls, int callers, int rate, int latencyMillis,
			double physical) {
		try (CometApiMockServer mock = CometApiMockServer.start()) {
			mock.anyModel().respond(MockResponse.ok().delay(Duration.ofMillis(latencyMillis)));
			CometTemplate comet = CometTemplate.builder()
				.baseUrl(mock.baseUrl())
				.apiKey("benchmark-key")
				.limiter(limiter)
				.timeout(Duration.ofMinutes(2))
				.build();
			try (comet) {
				comet.chat("warm-up", "hi").block(Duration.ofSeconds(10));
				mock.reset();
				mock.anyModel().respond(MockResponse.ok().delay(Duration.ofMillis(latencyMillis)));
				mock.capacity(rate, 0);
				AtomicInteger failed = new AtomicInteger();
				long start = System.nanoTime();
				Flux.range(0, calls).flatMap((i) -> comet.chat("gpt-4o", "call " + i).then().onErrorResume((ex) -> {
					failed.incrementAndGet();
					return Mono.empty();
				}), callers).then().block(Duration.ofMinutes(10));
				double wall = (System.nanoTime() - start) / 1e9;
				int rateLimited = mock.rateLimitedCount();
				String limits = (limiter instanceof AdaptiveConcurrencyLimiter adaptive) ? describe(adaptive) : "";
				String row = String.format(Locale.ROOT, "| %s | %.1f s | %.2fx | %d | %.1f%% | %d |", scenario, wall,
						wall / physical, rateLimited, 100.0 * rateLimited / calls, failed.get());
				System.out.println(row + limits);
				return new Row(row, wall / physical, (double) rateLimited / calls, failed.get());
			}
		}
	}

	private static String describe(AdaptiveConcurrencyLimiter limiter) {
		LimiterSnapshot snapshot = limiter.snapshot("gpt-4o");
		return String.format(Locale.ROOT, " (end: limit %d, paced at %.1f requests/s)", snapshot.limit(),
				snapshot.requestsPerSecond());
	}

	private static int arg(String[] args, int index, int defaultValue) {
		return (args.length > index) ? Integer.parseInt(args[index]) : defaultValue;
	}

	/**
	 * One scenario's row and the numbers charted from it.
	 */
	private record Row(String markdown, double wallOverPhysical, double rateLimitedPerCall, int failed) {

	}

}
