package com.cometapi.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.cometapi.test.MockResponse;

/**
 * The pipeline's own CPU cost (issue 15): raw {@code WebClient} and a
 * {@code CometTemplate} with the starter's defaults (adaptive limiter as auto-configured,
 * nothing tuned), at zero server latency, in alternating runs (raw, starter, raw,
 * starter, ...), each pair reported on its own:
 * <ul>
 * <li>chat: {@value #CALLERS} callers, {@value #CALLS} calls per run;</li>
 * <li>streams: {@value #CALLERS} callers, {@value #STREAMS} streams of {@value #DELTAS}
 * content chunks per run.</li>
 * </ul>
 * Per run: throughput (wall clock, which other processes on the machine move), CPU time
 * per call of the client-side threads and of the whole process (mock included), and bytes
 * the client-side threads allocated per call; per pair, the starter's ratio to raw of
 * each. CPU time per call is the measure a shared machine disturbs least. Two discarded
 * pairs warm the JIT first. Writes {@code benchmarks/results/pipeline-cpu-latest.md}.
 *
 * @author CometAPI team
 */
final class PipelineCpuBenchmark {

	static final int CALLERS = 64;

	static final int CALLS = 20_000;

	static final int STREAMS = 5_000;

	static final int DELTAS = 20;

	static final int CHAT_WARMUP_PAIRS = 3;

	static final int STREAM_WARMUP_PAIRS = 1;

	private PipelineCpuBenchmark() {
	}

	/**
	 * Run both scenarios and write the report.
	 * @param fixture the mock and clients
	 * @param pairs measured pairs per scenario
	 * @param scale divides the calls (1 for a real run)
	 * @param limiterOff also run the template without a limiter after each pair
	 */
	static void run(ChatFixture fixture, int pairs, int scale, boolean limiterOff) {
		Report report = new Report("pipeline-cpu-latest", "Pipeline CPU cost: starter defaults vs raw WebClient");
		report.append(String.format(Locale.ROOT, """
				Zero server latency, mock on loopback in the same JVM. Alternating runs: raw `WebClient`, then \
				`CometTemplate` with the starter's defaults (adaptive limiter as auto-configured, default retry, \
				budget, cooldowns and deadline); %d warm-up pairs of chat and %d of streams discarded, then %d \
				measured pairs each. **CPU/call** is \
				the CPU time of every thread but the mock's event loops, divided by calls; **proc CPU/call** the \
				whole process's (mock, JIT and GC included); **B/call** the bytes the client-side threads allocated. \
				Ratios are starter / raw within a pair (throughput: higher is better; CPU and bytes: lower is \
				better). Load average (1 min) is read after each run.

				""", CHAT_WARMUP_PAIRS, STREAM_WARMUP_PAIRS, pairs));
		Supplier<Mono<?>> rawChat = fixture::raw;
		Supplier<Mono<?>> starterChat = fixture::starter;
		Supplier<Mono<?>> unlimitedChat = fixture::template;
		fixture.mock().reset();
		scenario(report, fixture, "Chat: %d callers, %,d calls per run".formatted(CALLERS, CALLS / scale),
				CALLS / scale, CHAT_WARMUP_PAIRS, pairs, rawChat, starterChat, limiterOff ? unlimitedChat : null, null);
		String[] deltas = IntStream.range(0, DELTAS).mapToObj((i) -> " token" + i).toArray(String[]::new);
		Supplier<Mono<?>> rawStream = () -> fixture.rawStream().then();
		Supplier<Mono<?>> starterStream = () -> fixture.starterStream().then();
		scenario(report, fixture,
				"Streams: %d callers, %,d streams of %d content chunks per run".formatted(CALLERS, STREAMS / scale,
						DELTAS),
				STREAMS / scale, STREAM_WARMUP_PAIRS, pairs, rawStream, starterStream, null,
				() -> fixture.mock().anyModel().respond(MockResponse.stream(deltas)));
		report.append(InMemoryCpu.run(pairs, scale));
		report.write();
	}

	private static void scenario(Report report, ChatFixture fixture, String title, int calls, int warmUps, int pairs,
			Supplier<Mono<?>> raw, Supplier<Mono<?>> starter, Supplier<Mono<?>> unlimited, Runnable script) {
		System.out.println(title);
		report.append("## " + title + "\n\n");
		report
			.append("| pair | raw calls/s | starter calls/s | **× raw** | raw CPU/call | starter CPU/call | **CPU ×** "
					+ "| proc CPU × | raw B/call | starter B/call | **B ×** | load avg |\n");
		report.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		List<Double> throughput = new ArrayList<>();
		List<Double> cpu = new ArrayList<>();
		List<Double> bytes = new ArrayList<>();
		List<Double> unlimitedThroughput = new ArrayList<>();
		for (int pair = 1 - warmUps; pair <= pairs; pair++) {
			Run rawRun = measure(fixture, script, calls, raw);
			Run starterRun = measure(fixture, script, calls, starter);
			Run unlimitedRun = (unlimited != null) ? measure(fixture, script, calls, unlimited) : null;
			String line = String.format(Locale.ROOT,
					"| %s | %,.0f | %,.0f | %.2f× | %.1f µs | %.1f µs | %.2f× | %.2f× | %,.0f | %,.0f | %.2f× | %.1f |",
					(pair > 0) ? String.valueOf(pair) : "warm-up", rawRun.callsPerSecond(), starterRun.callsPerSecond(),
					starterRun.callsPerSecond() / rawRun.callsPerSecond(), rawRun.clientMicrosPerCall(),
					starterRun.clientMicrosPerCall(), starterRun.clientMicrosPerCall() / rawRun.clientMicrosPerCall(),
					starterRun.processMicrosPerCall() / rawRun.processMicrosPerCall(), rawRun.bytesPerCall(),
					starterRun.bytesPerCall(), starterRun.bytesPerCall() / rawRun.bytesPerCall(),
					starterRun.loadAverage());
			System.out.println(line
					+ ((rawRun.failed() + starterRun.failed() > 0)
							? " failed " + rawRun.failed() + "/" + starterRun.failed() : "")
					+ ((unlimitedRun != null) ? String.format(Locale.ROOT, " limiter off %.2f× CPU %.2f×",
							unlimitedRun.callsPerSecond() / rawRun.callsPerSecond(),
							unlimitedRun.clientMicrosPerCall() / rawRun.clientMicrosPerCall()) : ""));
			if (pair > 0) {
				report.append(line + "\n");
				throughput.add(starterRun.callsPerSecond() / rawRun.callsPerSecond());
				cpu.add(starterRun.clientMicrosPerCall() / rawRun.clientMicrosPerCall());
				bytes.add(starterRun.bytesPerCall() / rawRun.bytesPerCall());
				if (unlimitedRun != null) {
					unlimitedThroughput.add(unlimitedRun.callsPerSecond() / rawRun.callsPerSecond());
				}
			}
		}
		report.append(String.format(Locale.ROOT,
				"%nMedian of the pairs: throughput **%.2f×** raw, client CPU per call **%.2f×** raw, "
						+ "bytes per call **%.2f×** raw.%s%n%n",
				OverheadScenario.median(throughput), OverheadScenario.median(cpu), OverheadScenario.median(bytes),
				unlimitedThroughput.isEmpty() ? ""
						: String.format(Locale.ROOT, " Limiter off (same pairs): %.2f× raw throughput.",
								OverheadScenario.median(unlimitedThroughput))));
	}

	private static Run measure(ChatFixture fixture, Runnable script, int calls, Supplier<Mono<?>> call) {
		fixture.mock().reset();
		if (script != null) {
			script.run();
		}
		AtomicInteger failed = new AtomicInteger();
		long allocated = ClientAllocation.bytes();
		long client = ClientCpu.clientNanos();
		long process = ClientCpu.processNanos();
		long start = System.nanoTime();
		Flux.range(0, calls).flatMap((i) -> Mono.defer(call::get).onErrorResume((ex) -> {
			failed.incrementAndGet();
			return Mono.empty();
		}), CALLERS).then().block(Duration.ofMinutes(2));
		long wall = System.nanoTime() - start;
		return new Run(calls, failed.get(), wall, ClientCpu.clientNanos() - client, ClientCpu.processNanos() - process,
				ClientAllocation.bytes() - allocated, Machine.loadAverage());
	}

	/**
	 * What one run measured.
	 *
	 * @param calls the calls made
	 * @param failed the calls that failed
	 * @param wallNanos the wall time
	 * @param clientNanos CPU time of the client-side threads
	 * @param processNanos CPU time of the process
	 * @param allocated bytes the client-side threads allocated
	 * @param loadAverage the load average after the run
	 */
	record Run(int calls, int failed, long wallNanos, long clientNanos, long processNanos, long allocated,
			double loadAverage) {

		double callsPerSecond() {
			return this.calls / (this.wallNanos / 1e9);
		}

		double clientMicrosPerCall() {
			return this.clientNanos / 1e3 / this.calls;
		}

		double processMicrosPerCall() {
			return this.processNanos / 1e3 / this.calls;
		}

		double bytesPerCall() {
			return (double) this.allocated / this.calls;
		}

	}

}
