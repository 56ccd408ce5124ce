package com.cometapi.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.ChannelOption;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.error.CometLimiterRejectedException;
import com.cometapi.client.resilience.AdaptiveConcurrencyLimiter;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.MockResponse;

/**
 * The throughput grid of issue 15, with the starter's defaults (an
 * {@link AdaptiveConcurrencyLimiter} as auto-configured, default retry, budget and
 * deadline) against {@link CometApiMockServer} on loopback:
 * <ul>
 * <li><b>healthy server</b>: latency × callers; raw {@code WebClient} and
 * {@code CometTemplate} run alternately (pairs), throughput of each, their ratio per
 * pair, and the calls the client's own limiter rejected;</li>
 * <li><b>rate-limited server</b>: the mock's token bucket
 * ({@link CometApiMockServer#rateLimit}), rate × burst × callers × latency × Retry-After;
 * wall time over the physical floor ({@code (calls - burst) / rate}), server requests per
 * call, failed calls;</li>
 * <li><b>transient faults</b>: a seeded share of requests reset before any byte, up to
 * every request (a storm); calls that succeeded and server requests per call.</li>
 * </ul>
 * Writes {@code benchmarks/results/throughput-grid.md} with a chart per grid.
 * {@code quick} runs a reduced grid (a sanity check, not numbers to publish).
 *
 * @author CometAPI team
 */
public final class ThroughputGrid {

	private static final String MODEL = "gpt-4o";

	private ThroughputGrid() {
	}

	public static void main(String[] args) {
		System.setProperty("java.awt.headless", "true");
		boolean quick = List.of(args).contains("quick");
		Grid grid = quick ? Grid.QUICK : Grid.FULL;
		Report report = new Report("throughput-grid", "Throughput grid: the starter's defaults against the mock");
		report.append((quick ? "**Reduced grid (`quick`): a sanity check, not numbers to publish.**\n\n" : "")
				+ "Every cell starts a fresh `CometTemplate` with the starter's defaults and a fresh adaptive limiter. "
				+ "The mock runs in the same JVM on loopback, so client and server share the cores.\n\n");
		try (CometApiMockServer mock = CometApiMockServer.start()) {
			healthy(mock, grid, report);
			rateLimited(mock, grid, report);
			resets(mock, grid, report);
		}
		report.write();
	}

	private static void healthy(CometApiMockServer mock, Grid grid, Report report) {
		ConnectionProvider pool = ConnectionProvider.builder("raw")
			.maxConnections(1000)
			.pendingAcquireMaxCount(-1)
			.build();
		WebClient raw = WebClient.builder()
			.baseUrl(mock.baseUrl())
			.clientConnector(new ReactorClientHttpConnector(
					HttpClient.create(pool).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)))
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer benchmark-key")
			.build();
		byte[] body = ("{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		report.append("## Healthy server: throughput / raw WebClient\n\n");
		report.append("| latency | callers | calls | raw calls/s (per pair) | starter calls/s (per pair) | "
				+ "starter / raw (per pair) | median | rejected by the limiter | end limit |\n");
		report.append("|---|---|---|---|---|---|---|---|---|\n");
		List<String> categories = new ArrayList<>();
		List<Double> ratios = new ArrayList<>();
		for (int latency : grid.latencies) {
			for (int callers : grid.callers) {
				int calls = (latency == 0) ? grid.zeroLatencyCalls : callers * grid.rounds;
				mock.reset();
				mock.anyModel().respond(MockResponse.ok("hello").delay(Duration.ofMillis(latency)));
				List<Double> rawRates = new ArrayList<>();
				List<Double> starterRates = new ArrayList<>();
				List<Double> pairRatios = new ArrayList<>();
				int rejected = 0;
				int endLimit = 0;
				for (int pair = 0; pair < grid.pairs; pair++) {
					AdaptiveConcurrencyLimiter limiter = AdaptiveConcurrencyLimiter.builder().build();
					try (CometTemplate comet = template(mock, limiter)) {
						comet.chat("warm-up", "hi").block(Duration.ofSeconds(30));
						AtomicInteger rejections = new AtomicInteger();
						Mono<Void> rawCall = raw.post()
							.uri("/v1/chat/completions")
							.contentType(MediaType.APPLICATION_JSON)
							.bodyValue(body)
							.retrieve()
							.bodyToMono(byte[].class)
							.then();
						Mono<Void> starterCall = Mono.defer(() -> comet.chat(MODEL, "hi"))
							.then()
							.doOnError(CometLimiterRejectedException.class, (ex) -> rejections.incrementAndGet());
						double rawRate;
						double starterRate;
						if (pair % 2 == 0) {
							rawRate = rate(rawCall, calls, callers);
							starterRate = rate(starterCall, calls, callers);
						}
						else {
							starterRate = rate(starterCall, calls, callers);
							rawRate = rate(rawCall, calls, callers);
						}
						rawRates.add(rawRate);
						starterRates.add(starterRate);
						pairRatios.add(starterRate / rawRate);
						rejected += rejections.get();
						endLimit = limiter.snapshot(MODEL).limit();
					}
				}
				double median = median(pairRatios);
				report.append(String.format(Locale.ROOT, "| %d ms | %d | %,d | %s | %s | %s | **%.2fx** | %d | %d |%n",
						latency, callers, calls, join(rawRates, "%,.0f"), join(starterRates, "%,.0f"),
						join(pairRatios, "%.2fx"), median, rejected, endLimit));
				categories.add(latency + " ms / " + callers);
				ratios.add(median);
				System.out.printf(Locale.ROOT, "healthy %d ms %d callers: %s%n", latency, callers,
						join(pairRatios, "%.2fx"));
			}
		}
		pool.dispose();
		report.append("\n");
		report.chart("healthy", "Healthy server: starter / raw WebClient (median of pairs)", "× raw", categories,
				List.of(new Report.Series("starter / raw", ratios)));
	}

	private static void rateLimited(CometApiMockServer mock, Grid grid, Report report) {
		report.append("## Rate-limited server: wall / floor and requests per call\n\n");
		report.append(String.format(Locale.ROOT,
				"Each cell sends rate × %d s calls; the floor is (calls − burst) / rate. 429s are answered at once.%n%n",
				grid.floorSeconds));
		report.append("| rate/s | burst | callers | latency | Retry-After | calls | wall | wall / floor | "
				+ "requests per call | failed | end pace |\n");
		report.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
		List<String> categories = new ArrayList<>();
		List<Double> walls = new ArrayList<>();
		List<Double> requests = new ArrayList<>();
		for (int rate : grid.rates) {
			for (double burstShare : grid.burstShares) {
				int burst = Math.max(1, (int) Math.round(rate * burstShare));
				for (int callers : grid.rateCallers) {
					for (int latency : grid.rateLatencies) {
						for (boolean retryAfter : grid.retryAfter) {
							int calls = rate * grid.floorSeconds;
							mock.reset();
							mock.anyModel().respond(MockResponse.ok("hello").delay(Duration.ofMillis(latency)));
							AdaptiveConcurrencyLimiter limiter = AdaptiveConcurrencyLimiter.builder().build();
							try (CometTemplate comet = template(mock, limiter)) {
								comet.chat("warm-up", "hi").block(Duration.ofSeconds(30));
								mock.reset();
								mock.anyModel().respond(MockResponse.ok("hello").delay(Duration.ofMillis(latency)));
								mock.rateLimit(rate, burst, retryAfter ? Duration.ofSeconds(1) : null);
								AtomicInteger failed = new AtomicInteger();
								long start = System.nanoTime();
								Flux.range(0, calls)
									.flatMap((i) -> comet.chat(MODEL, "hi").then().onErrorResume((ex) -> {
										failed.incrementAndGet();
										return Mono.empty();
									}), callers)
									.then()
									.block(Duration.ofMinutes(10));
								double wall = (System.nanoTime() - start) / 1e9;
								double floor = (double) Math.max(0, calls - burst) / rate;
								double perCall = (double) mock.requestCount() / calls;
								report.append(String.format(Locale.ROOT,
										"| %d | %d | %d | %d ms | %s | %,d | %.1f s | **%.2fx** | **%.3f** | %d | %.0f/s |%n",
										rate, burst, callers, latency, retryAfter ? "1 s" : "none", calls, wall,
										wall / floor, perCall, failed.get(),
										limiter.snapshot(MODEL).requestsPerSecond()));
								categories.add(
										rate + "/" + burst + "/" + callers + "/" + latency + (retryAfter ? "/RA" : ""));
								walls.add(wall / floor);
								requests.add(perCall);
								System.out.printf(Locale.ROOT,
										"rate %d burst %d callers %d latency %d RA %s: %.2fx %.3f%n", rate, burst,
										callers, latency, retryAfter, wall / floor, perCall);
							}
						}
					}
				}
			}
		}
		report.append("\n");
		report.chart("rate-limited",
				"Rate-limited server (rate/burst/callers/latency ms/Retry-After): wall / floor and requests per call",
				"", categories,
				List.of(new Report.Series("wall / floor", walls), new Report.Series("requests per call", requests)));
	}

	private static void resets(CometApiMockServer mock, Grid grid, Report report) {
		report.append("## Transient faults: requests reset before any byte\n\n");
		report.append(String.format(Locale.ROOT,
				"A seeded share of the requests is reset (TCP RST) before the status line; %d callers, %,d calls. "
						+ "A share of 100%% is a storm: the retry budget must hold requests per call near 1 + ratio.%n%n",
				grid.faultCallers, grid.faultCalls));
		report.append("| reset share | callers | calls | ok | requests per call | wall |\n");
		report.append("|---|---|---|---|---|---|\n");
		for (double share : grid.resetShares) {
			mock.reset();
			AdaptiveConcurrencyLimiter limiter = AdaptiveConcurrencyLimiter.builder().build();
			try (CometTemplate comet = template(mock, limiter)) {
				comet.chat("warm-up", "hi").block(Duration.ofSeconds(30));
				mock.reset();
				if (share >= 1.0) {
					mock.anyModel().respond(MockResponse.connectionReset());
				}
				else {
					Random random = new Random(15L);
					for (int i = 0; i < grid.faultCalls * 3; i++) {
						mock.anyModel()
							.enqueue((random.nextDouble() < share) ? MockResponse.connectionReset()
									: MockResponse.ok("hello"));
					}
				}
				AtomicInteger ok = new AtomicInteger();
				long start = System.nanoTime();
				Flux.range(0, grid.faultCalls)
					.flatMap((i) -> comet.chat(MODEL, "hi")
						.doOnSuccess((completion) -> ok.incrementAndGet())
						.then()
						.onErrorResume((ex) -> Mono.empty()), grid.faultCallers)
					.then()
					.block(Duration.ofMinutes(10));
				double wall = (System.nanoTime() - start) / 1e9;
				double perCall = (double) mock.requestCount() / grid.faultCalls;
				report.append(String.format(Locale.ROOT, "| %.0f%% | %d | %,d | %,d | **%.3f** | %.1f s |%n",
						share * 100, grid.faultCallers, grid.faultCalls, ok.get(), perCall, wall));
				System.out.printf(Locale.ROOT, "resets %.0f%%: %d ok, %.3f requests per call%n", share * 100, ok.get(),
						perCall);
			}
		}
		report.append("\n");
	}

	private static CometTemplate template(CometApiMockServer mock, AdaptiveConcurrencyLimiter limiter) {
		return CometTemplate.builder().baseUrl(mock.baseUrl()).apiKey("benchmark-key").limiter(limiter).build();
	}

	private static double rate(Mono<Void> call, int calls, int callers) {
		long start = System.nanoTime();
		Flux.range(0, calls)
			.flatMap((i) -> call.onErrorResume((ex) -> Mono.empty()), callers)
			.then()
			.block(Duration.ofMinutes(10));
		return calls / ((System.nanoTime() - start) / 1e9);
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static String join(List<Double> values, String format) {
		return String.join(" / ", values.stream().map((value) -> String.format(Locale.ROOT, format, value)).toList());
	}

	/**
	 * The shapes of one run.
	 */
	private enum Grid {

		FULL(new int[] { 0, 50, 500, 2000, 30_000 }, new int[] { 64, 256, 1000 }, 3, 20_000, 3,
				new int[] { 50, 200, 500 }, new double[] { 0.01, 0.1 }, new int[] { 32, 512 }, new int[] { 0, 200 },
				new boolean[] { true, false }, 20, new double[] { 0.05, 0.2, 0.3, 1.0 }, 32, 1_000),

		QUICK(new int[] { 0, 50, 2000 }, new int[] { 64, 400 }, 3, 5_000, 1, new int[] { 100, 300 },
				new double[] { 0.01, 0.1 }, new int[] { 128 }, new int[] { 30 }, new boolean[] { true }, 10,
				new double[] { 0.2, 1.0 }, 32, 1_000);

		final int[] latencies;

		final int[] callers;

		final int rounds;

		final int zeroLatencyCalls;

		final int pairs;

		final int[] rates;

		final double[] burstShares;

		final int[] rateCallers;

		final int[] rateLatencies;

		final boolean[] retryAfter;

		final int floorSeconds;

		final double[] resetShares;

		final int faultCallers;

		final int faultCalls;

		Grid(int[] latencies, int[] callers, int rounds, int zeroLatencyCalls, int pairs, int[] rates,
				double[] burstShares, int[] rateCallers, int[] rateLatencies, boolean[] retryAfter, int floorSeconds,
				double[] resetShares, int faultCallers, int faultCalls) {
			this.latencies = latencies;
			this.callers = callers;
			this.rounds = rounds;
			this.zeroLatencyCalls = zeroLatencyCalls;
			this.pairs = pairs;
			this.rates = rates;
			this.burstShares = burstShares;
			this.rateCallers = rateCallers;
			this.rateLatencies = rateLatencies;
			this.retryAfter = retryAfter;
			this.floorSeconds = floorSeconds;
			this.resetShares = resetShares;
			this.faultCallers = faultCallers;
			this.faultCalls = faultCalls;
		}

	}

}
