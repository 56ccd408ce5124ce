package com.cometapi.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.cometapi.benchmarks.Report.Series;

/**
 * Runs every benchmark of the module and writes each one's markdown table and charts to
 * {@code benchmarks/results}: JMH (chat overhead with allocation per call, stream
 * parsing), then the load scenarios (overhead with latency percentiles, time to first
 * chunk, flaky primary, rate-limited goodput). Bounded to a few minutes on two cores.
 * <p>
 * Run: {@code ./mvnw -B -Pbenchmarks -pl benchmarks -am -DskipTests package exec:java}.
 * Optional arguments pick parts:
 * {@code jmh overhead blocking streaming flaky bridge goodput} ({@code bridge}:
 * {@link BridgeOverheadScenario}, the Spring AI bridge against the template), and
 * {@code cluster} (needs Redis, so only when asked for: {@link ClusterBurstBenchmark});
 * {@code grid} for the {@link ThroughputGrid} (tens of minutes; not part of a full run);
 * {@code cpu} for the {@link PipelineCpuBenchmark} alone ({@code pairs=5} for more pairs,
 * {@code limiter-off} to add the template without a limiter, {@code inmemory} for its
 * in-memory part alone; not part of a full run); {@code bridgecpu} for the
 * {@link BridgeCpu} alone (CPU and bytes per call of the blocking client and the Spring
 * AI bridge, {@code rounds=7} for more rounds; not part of a full run); add {@code quick}
 * for a smoke run with a tenth of the calls (its numbers are not worth keeping).
 *
 * @author CometAPI team
 */
public final class AllBenchmarks {

	private static final int OVERHEAD_ROUNDS = 7;

	private static final int CPU_PAIRS = 3;

	private AllBenchmarks() {
	}

	public static void main(String[] args) throws Exception {
		System.setProperty("java.awt.headless", "true");
		Set<String> parts = Set.of(args);
		int scale = parts.contains("quick") ? 10 : 1;
		if (parts.contains("grid")) {
			ThroughputGrid.main(parts.contains("quick") ? new String[] { "quick" } : new String[0]);
			System.exit(0);
		}
		if (parts.contains("bridgecpu")) {
			BridgeCpu.report(parts.stream()
				.filter((part) -> part.startsWith("rounds="))
				.map((part) -> Integer.parseInt(part.substring("rounds=".length())))
				.findFirst()
				.orElse(5), scale);
			System.exit(0);
		}
		if (parts.contains("cpu")) {
			int pairs = parts.stream()
				.filter((part) -> part.startsWith("pairs="))
				.map((part) -> Integer.parseInt(part.substring("pairs=".length())))
				.findFirst()
				.orElse(CPU_PAIRS);
			if (parts.contains("inmemory")) {
				System.out.println(InMemoryCpu.run(pairs, scale));
				System.exit(0);
			}
			try (ChatFixture fixture = ChatFixture.start()) {
				fixture.warmUp();
				PipelineCpuBenchmark.run(fixture, pairs, scale, parts.contains("limiter-off"));
			}
			System.exit(0);
		}
		boolean all = parts.stream().noneMatch((part) -> !part.equals("quick"));
		Map<String, Jmh.Score> jmh = Map.of();
		if (all || parts.contains("jmh")) {
			jmh = Jmh.run(ChatOverheadBenchmark.class, PipelineOverheadBenchmark.class, StreamParseBenchmark.class);
		}
		try (ChatFixture fixture = ChatFixture.start()) {
			fixture.warmUp();
			if (all || parts.contains("overhead")) {
				List<OverheadScenario.Stats> loaded = OverheadScenario.run(fixture, ChatFixture.LIMIT, 20000 / scale,
						OVERHEAD_ROUNDS);
				List<OverheadScenario.Stats> sequential = OverheadScenario.run(fixture, 1, 1500 / scale,
						OVERHEAD_ROUNDS);
				overheadReport(loaded, sequential, jmh, fixture);
			}
			if (all || parts.contains("blocking")) {
				blockingReport(BlockingClientScenario.run(fixture, ChatFixture.LIMIT, 20000 / scale, OVERHEAD_ROUNDS),
						BlockingClientScenario.run(fixture, 1, 1500 / scale, OVERHEAD_ROUNDS));
			}
			if (all || parts.contains("streaming")) {
				streamingReport(FirstChunkScenario.run(fixture, 500 / scale, 4), jmh);
			}
			if (all || parts.contains("flaky")) {
				flakyReport(FlakyPrimaryScenario.run(fixture, 2000 / scale, 16));
			}
		}
		if (all || parts.contains("bridge")) {
			BridgeOverheadScenario.report(scale);
		}
		if (all || parts.contains("goodput")) {
			RateLimitedGoodputBenchmark.main(new String[0]);
		}
		if (parts.contains("cluster")) {
			ClusterBurstBenchmark.main(new String[0]);
		}
		System.exit(0);
	}

	private static void overheadReport(List<OverheadScenario.Stats> loaded, List<OverheadScenario.Stats> sequential,
			Map<String, Jmh.Score> jmh, ChatFixture fixture) {
		Report report = new Report("chat-overhead", "Overhead of CometTemplate.chat over raw WebClient");
		report.append("""
				The mock answers every chat at once (zero latency) on loopback, in the same JVM. Raw `WebClient` posts \
				the very JSON bytes the template sends, over a Reactor Netty pool built like the template's, and reads \
				the answer with the same `ObjectMapper` into the same `ChatCompletion`. The template runs its whole \
				pipeline (validation, serialisation, retry operators, fallback walk, observation on the NOOP registry, \
				call metadata) without a limiter, and again with the adaptive limiter at max-in-flight 64 (the \
				starter's default ceiling is 1,000; 64 keeps it from queueing the 64 callers).

				""");
		report.append("## Load driver: 64 calls in flight\n\n");
		report
			.append("""
					`flatMap` keeps 64 calls in flight from one subscriber (no thread per call); latency per call from \
					subscription to answer in an HdrHistogram; %d measured rounds of %d calls per client after %d \
					warm-up rounds, the order of the clients alternating per round; throughput is the median of the rounds, the \
					ratio the median of the per-round ratios to raw. Client bytes are those allocated by every thread but \
					the mock's event loops.

					"""
				.formatted(OVERHEAD_ROUNDS, loaded.get(0).latency().getTotalCount() / OVERHEAD_ROUNDS,
						OverheadScenario.WARMUP_ROUNDS));
		report.append(overheadTable(loaded));
		report.append("\n## Load driver: one call at a time\n\n");
		report.append("""
				The added latency of one call with nothing queued in front of it: under 64 calls in flight a call's \
				latency is mostly the time it waits behind the other 63, so a throughput gap shows up there as latency.

				""");
		report.append(overheadTable(sequential));
		OverheadScenario.Stats loadedRaw = loaded.get(0);
		OverheadScenario.Stats loadedTemplate = loaded.get(1);
		OverheadScenario.Stats sequentialRaw = sequential.get(0);
		OverheadScenario.Stats sequentialTemplate = sequential.get(1);
		report.append(String.format(Locale.ROOT, """

				**Targets**: throughput at 64 in flight ≥ 0.90× raw: %.2f× (%s); p50 added latency under 0.1 ms: \
				%.3f ms one call at a time (%s), %.3f ms at 64 in flight (%s).

				""", loadedTemplate.ratioToRaw(), (loadedTemplate.ratioToRaw() >= 0.9) ? "met" : "missed",
				sequentialTemplate.p50Millis() - sequentialRaw.p50Millis(),
				(sequentialTemplate.p50Millis() - sequentialRaw.p50Millis() < 0.1) ? "met" : "missed",
				loadedTemplate.p50Millis() - loadedRaw.p50Millis(),
				(loadedTemplate.p50Millis() - loadedRaw.p50Millis() < 0.1) ? "met" : "missed"));
		report.append("Adaptive limiter at the end: " + fixture.limiter().snapshot(ChatFixture.MODEL) + ".\n\n");
		List<String> jmhMethods = List.of("rawWebClient", "cometTemplate", "cometTemplateWithLimiter");
		if (!jmh.isEmpty()) {
			report.append("## JMH: 64 threads, one blocking call per operation, `-prof gc`\n\n");
			report.append(String.format(Locale.ROOT, """
					%d forks × %d iterations of 1 s after %d warm-up iterations of 1 s. Bytes per call are \
					`gc.alloc.rate.norm`: every thread of the JVM, so they include the in-process mock's own \
					allocation and the blocking caller's, the same for every client; the difference to raw is what \
					the client adds.

					""", Jmh.FORKS, Jmh.ITERATIONS, Jmh.WARMUP_ITERATIONS));
			report.append("| client | calls/s | × raw | bytes per call | added to raw |\n|---|---|---|---|---|\n");
			Jmh.Score raw = jmh.get("rawWebClient");
			for (int i = 0; i < jmhMethods.size(); i++) {
				Jmh.Score score = jmh.get(jmhMethods.get(i));
				report.append(String.format(Locale.ROOT, "| %s | %,.0f ± %,.0f | %.2f× | %,.0f | %+,.0f |%n",
						OverheadScenario.CLIENTS.get(i), score.score(), score.error(), score.score() / raw.score(),
						score.bytesPerOp(), score.bytesPerOp() - raw.bytesPerOp()));
			}
			report.append("\n");
		}
		if (!jmh.isEmpty()) {
			report.append("## JMH: no network, one thread\n\n");
			report.append("""
					Both clients get a connector that answers in memory with the same completion JSON, so what \
					differs is the template's pipeline alone: its CPU time and allocation per call, free of loopback \
					and of the mock.

					""");
			Jmh.Score inMemoryRaw = jmh.get("inMemoryRawWebClient");
			Jmh.Score inMemoryTemplate = jmh.get("inMemoryCometTemplate");
			report.append("| client | µs per call | bytes per call |\n|---|---|---|\n");
			report.append(String.format(Locale.ROOT, "| raw WebClient | %.1f ± %.1f | %,.0f |%n", inMemoryRaw.score(),
					inMemoryRaw.error(), inMemoryRaw.bytesPerOp()));
			report.append(String.format(Locale.ROOT, "| CometTemplate | %.1f ± %.1f | %,.0f |%n",
					inMemoryTemplate.score(), inMemoryTemplate.error(), inMemoryTemplate.bytesPerOp()));
			report.append(String.format(Locale.ROOT, "| added by the template | %+.1f | %+,.0f |%n%n",
					inMemoryTemplate.score() - inMemoryRaw.score(),
					inMemoryTemplate.bytesPerOp() - inMemoryRaw.bytesPerOp()));
		}
		List<String> clients = List.of("raw WebClient", "CometTemplate", "+ limiter (64)");
		List<Series> throughput = new ArrayList<>();
		throughput
			.add(new Series("load driver, 64 in flight", loaded.stream().map((s) -> s.callsPerSecond()).toList()));
		if (!jmh.isEmpty()) {
			throughput.add(new Series("JMH, 64 threads", jmhMethods.stream().map((m) -> jmh.get(m).score()).toList()));
		}
		report.chart("throughput", "Chat calls per second against a zero-latency mock", "calls/s", clients, throughput);
		report.chart("latency-loaded", "Chat call latency, 64 in flight (ms)", "ms", clients,
				List.of(new Series("p50", loaded.stream().map(OverheadScenario.Stats::p50Millis).toList()),
						new Series("p99", loaded.stream().map(OverheadScenario.Stats::p99Millis).toList())));
		report.chart("latency-sequential", "Chat call latency, one call at a time (ms)", "ms", clients,
				List.of(new Series("p50", sequential.stream().map(OverheadScenario.Stats::p50Millis).toList()),
						new Series("p99", sequential.stream().map(OverheadScenario.Stats::p99Millis).toList())));
		List<Series> allocation = new ArrayList<>();
		allocation.add(new Series("client threads (load driver)",
				loaded.stream().map(OverheadScenario.Stats::bytesPerCall).toList()));
		if (!jmh.isEmpty()) {
			allocation.add(new Series("whole JVM incl. mock (JMH gc.alloc.rate.norm)",
					jmhMethods.stream().map((m) -> jmh.get(m).bytesPerOp()).toList()));
		}
		report.chart("allocation", "Bytes allocated per chat call", "bytes", clients, allocation);
		report.write();
	}

	private static void blockingReport(BlockingClientScenario.Result loadedResult,
			BlockingClientScenario.Result sequentialResult) {
		List<OverheadScenario.Stats> loaded = loadedResult.stats();
		List<OverheadScenario.Stats> sequential = sequentialResult.stats();
		Report report = new Report("blocking-client", "Cost of the blocking CometClient over CometTemplate");
		report.append("""
				The same template, against the same zero-latency mock on loopback, three ways: used reactively (%d \
				calls in flight from one `flatMap`, no thread per call); called the way a blocking caller writes it \
				without this client, `template.chat(request).block()`, from %d platform threads that each wait for \
				their answer; and through `CometClient` from the same %d threads. Then one call at a time: one \
				`flatMap` slot against one thread. %d measured rounds after %d warm-up rounds, rotating which client \
				goes first; throughput is the median of the rounds, the ratios medians of the per-round ratios.

				Two gaps, two causes. `CometClient` against `chat().block()` is the cost of this client's own layer \
				(its wait, interrupt handling and unwrapped failures): the blocking-client target. Either blocking \
				caller against the `flatMap` is the cost of blocking at all: every answer is handed from the event \
				loop to a parked thread, which the kernel must wake and schedule (tens of microseconds on a busy \
				machine), where the `flatMap` goes on on the event loop that delivered the answer. That cost is the \
				JVM's and the operating system's, not this client's, and a reactive caller does not pay it; \
				`bridge-cpu.md` measures the layer's CPU and allocation per call without the thread hand-off.

				""".formatted(ChatFixture.LIMIT, ChatFixture.LIMIT, ChatFixture.LIMIT, OVERHEAD_ROUNDS,
				BlockingClientScenario.WARMUP_ROUNDS));
		report.append("## 64 calls in flight\n\n").append(overheadTable(loaded));
		report.append("\n## One call at a time\n\n").append(overheadTable(sequential));
		double throughput = loadedResult.throughputToBlock();
		double p50 = sequentialResult.p50ToBlock();
		report.append(String.format(Locale.ROOT, """

				In these tables "× raw" means × the reactive `CometTemplate` (`flatMap`).

				**Target** (the blocking client adds at most 5%% over the template called blocking, \
				`chat().block()`, from the same threads): throughput at 64 in flight %.3f× (%s); p50 one call at a \
				time %.3f× (%s). Medians of the per-round ratios.

				Against the reactive `flatMap` (the cost of blocking itself, see above): throughput at 64 in flight \
				%.3f×, p50 one call at a time %.3f×.

				""", throughput, (throughput >= 0.95) ? "met" : "missed", p50, (p50 <= 1.05) ? "met" : "missed",
				loaded.get(2).ratioToRaw(), sequentialResult.p50ToFlatMap()));
		report.write();
	}

	private static String overheadTable(List<OverheadScenario.Stats> stats) {
		StringBuilder table = new StringBuilder(
				"| client | calls/s | × raw | p50 | p99 | added p50 | added p99 | client bytes per call |\n"
						+ "|---|---|---|---|---|---|---|---|\n");
		OverheadScenario.Stats raw = stats.get(0);
		for (OverheadScenario.Stats stat : stats) {
			table.append(String.format(Locale.ROOT,
					"| %s | %,.0f | %.2f× | %.3f ms | %.3f ms | %+.3f ms | %+.3f ms | %,.0f |%n", stat.client(),
					stat.callsPerSecond(), stat.ratioToRaw(), stat.p50Millis(), stat.p99Millis(),
					stat.p50Millis() - raw.p50Millis(), stat.p99Millis() - raw.p99Millis(), stat.bytesPerCall()));
		}
		return table.toString();
	}

	private static void streamingReport(List<FirstChunkScenario.Stats> firstChunk, Map<String, Jmh.Score> jmh) {
		Report report = new Report("streaming", "Streaming: parsing and time to first chunk");
		if (!jmh.isEmpty()) {
			report.append("## Chunks parsed per second on one core (JMH)\n\n");
			report.append(String.format(Locale.ROOT, """
					One thread parses an SSE body of %d chunks shaped like CometAPI's (with a `: PING` every 50 \
					chunks and `[DONE]`), handed over in 8 KB buffers: `CometTemplate.stream(..)` over a web client \
					that answers from memory (the template's own decoder and chunk reader plus the per-chunk work of \
					a streamed call), beside Jackson alone reading the same data lines into the same \
					`ChatCompletionChunk` (the floor). %d forks × %d iterations of 1 s.

					""", StreamParseBenchmark.CHUNKS, Jmh.FORKS, Jmh.ITERATIONS));
			report.append("| parser | chunks/s | bytes allocated per chunk |\n|---|---|---|\n");
			Jmh.Score decoder = jmh.get("templateStream");
			Jmh.Score jackson = jmh.get("jacksonOnly");
			report.append(String.format(Locale.ROOT,
					"| CometTemplate.stream(..), body from memory | %,.0f ± %,.0f | %,.0f |%n", decoder.score(),
					decoder.error(), decoder.bytesPerOp()));
			report.append(String.format(Locale.ROOT, "| Jackson alone (floor) | %,.0f ± %,.0f | %,.0f |%n%n",
					jackson.score(), jackson.error(), jackson.bytesPerOp()));
			report.chart("parse", "Chunks parsed per second, one core", "chunks/s", List.of("chunks/s"),
					List.of(new Series("CometTemplate stream", List.of(decoder.score())),
							new Series("Jackson alone", List.of(jackson.score()))));
		}
		report.append("## Time to first chunk (load driver, one stream at a time)\n\n");
		report.append(String.format(Locale.ROOT, """
				The mock streams %d content chunks plus the role, finish and usage chunks at zero delay. Raw \
				`WebClient` posts the same JSON and reads it with Spring's SSE reader (`bodyToFlux(String.class)`) \
				and the same mapper; the template uses `stream(..)`, which hands over the first chunk only once it has \
				parsed it. %d streams per client per round, 4 measured rounds after a warm-up, alternating order.

				""", FirstChunkScenario.DELTAS, firstChunk.get(0).firstChunk().getTotalCount() / 4));
		report.append("| client | first chunk p50 | first chunk p99 | whole stream p50 | whole stream p99 |\n"
				+ "|---|---|---|---|---|\n");
		for (FirstChunkScenario.Stats stat : firstChunk) {
			report.append(String.format(Locale.ROOT, "| %s | %.3f ms | %.3f ms | %.3f ms | %.3f ms |%n", stat.client(),
					stat.firstChunk().getValueAtPercentile(50) / 1e6, stat.firstChunk().getValueAtPercentile(99) / 1e6,
					stat.whole().getValueAtPercentile(50) / 1e6, stat.whole().getValueAtPercentile(99) / 1e6));
		}
		FirstChunkScenario.Stats raw = firstChunk.get(0);
		FirstChunkScenario.Stats template = firstChunk.get(1);
		report.append(String.format(Locale.ROOT,
				"%nTime-to-first-chunk overhead: %+.3f ms at p50, %+.3f ms at p99.%n%n",
				(template.firstChunk().getValueAtPercentile(50) - raw.firstChunk().getValueAtPercentile(50)) / 1e6,
				(template.firstChunk().getValueAtPercentile(99) - raw.firstChunk().getValueAtPercentile(99)) / 1e6));
		report.chart("first-chunk", "Time to first chunk (ms)", "ms", List.of("p50", "p99"),
				firstChunk.stream()
					.map((stat) -> new Series(stat.client(),
							List.of(stat.firstChunk().getValueAtPercentile(50) / 1e6,
									stat.firstChunk().getValueAtPercentile(99) / 1e6)))
					.toList());
		report.write();
	}

	private static void flakyReport(List<FlakyPrimaryScenario.Stats> stats) {
		Report report = new Report("flaky-primary", "Flaky primary, healthy secondary");
		FlakyPrimaryScenario.Stats first = stats.get(0);
		report.append(String.format(Locale.ROOT, """
				The primary answers 503 to half of its requests, in an order drawn from seed %d (the same sequence for \
				every client); the secondary always answers. %d calls per client, %d in flight, zero server latency. \
				The template keeps the starter's defaults (3 attempts per model, full jitter, 20%% retry budget, \
				cooldown when more than half of a model's last 20 calls failed, adaptive limiter with max-in-flight \
				16) with time scaled down a hundredfold so that the run takes seconds: backoff 10 ms doubling to at \
				most 300 ms (default 1 s to 30 s), cooldown 300 ms (default 30 s).

				""", FlakyPrimaryScenario.SEED, first.calls(), 16));
		report.append(
				"| client | success rate | requests per call | primary requests | secondary requests | p50 | p99 | wall time |\n"
						+ "|---|---|---|---|---|---|---|---|\n");
		for (FlakyPrimaryScenario.Stats stat : stats) {
			report
				.append(String.format(Locale.ROOT, "| %s | %.1f%% | %.2f | %,d | %,d | %.1f ms | %.1f ms | %.1f s |%n",
						stat.client(), stat.successRate(), stat.requestsPerCall(), stat.primaryRequests(),
						stat.secondaryRequests(), stat.p50Millis(), stat.p99Millis(), stat.seconds()));
		}
		report.append("\n");
		List<String> clients = stats.stream().map(FlakyPrimaryScenario.Stats::client).toList();
		report.chart("success", "Success rate and requests per call", "",
				List.of("success rate (%)", "requests per call × 100"),
				stats.stream()
					.map((stat) -> new Series(stat.client(), List.of(stat.successRate(), stat.requestsPerCall() * 100)))
					.toList());
		report.chart("latency", "Call latency (ms)", "ms", clients,
				List.of(new Series("p50", stats.stream().map(FlakyPrimaryScenario.Stats::p50Millis).toList()),
						new Series("p99", stats.stream().map(FlakyPrimaryScenario.Stats::p99Millis).toList())));
		report.write();
	}

}
