package com.cometapi.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.springframework.ai.chat.prompt.Prompt;

import com.cometapi.ai.CometChatModel;
import com.cometapi.ai.CometChatOptions;
import com.cometapi.client.CometClient;
import com.cometapi.client.CometTemplate;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.wire.ChatRequest;

/**
 * The blocking layers' own cost with no network, on one thread: a {@code CometTemplate}
 * whose connector answers in memory (the one of {@link PipelineOverheadBenchmark}) is
 * called as {@code template.chat(request).block()}, through {@code CometClient.chat} and
 * through the Spring AI bridge's {@code CometChatModel.call}. The calling thread does all
 * of the work of a call, so its CPU time and allocated bytes per call are the client's
 * own, and move little when other processes share the cores (unlike throughput). The
 * three run in rounds of {@value #CALLS} calls each, their order rotating per round,
 * after two warm-up rounds; each figure is the median of the rounds.
 * <p>
 * Run: {@code -Dexec.args="bridgecpu"} ({@code rounds=7} for more rounds, {@code quick}
 * for a tenth of the calls).
 *
 * @author CometAPI team
 */
final class BridgeCpu {

	static final int CALLS = 20_000;

	static final List<String> CLIENTS = List.of("CometTemplate.chat().block()", "CometClient.chat()",
			"CometChatModel.call()");

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private BridgeCpu() {
	}

	/**
	 * Measure and write {@code results/bridge-cpu.md}.
	 * @param rounds measured rounds, after two warm-up rounds
	 * @param scale divides the calls (1 for a real run)
	 */
	static void report(int rounds, int scale) {
		int calls = CALLS / scale;
		ChatRequest request = ChatRequest.of(ChatFixture.MODEL, "Say hello.");
		Prompt prompt = new Prompt("Say hello.");
		try (CometTemplate template = CometTemplate.builder()
			.baseUrl("http://comet.invalid")
			.apiKey("benchmark-key")
			.limiter(CometLimiter.unlimited())
			.webClientCustomizer((builder) -> builder.clientConnector(PipelineOverheadBenchmark.connector()))
			.build()) {
			CometClient client = CometClient.of(template);
			CometChatModel model = CometChatModel.builder(template)
				.defaultOptions(CometChatOptions.builder().model(ChatFixture.MODEL).build())
				.build();
			List<Supplier<Object>> clients = List.of(() -> template.chat(request).block(), () -> client.chat(request),
					() -> model.call(prompt));
			List<List<long[]>> costs = new ArrayList<>();
			clients.forEach((c) -> costs.add(new ArrayList<>()));
			for (int round = -1; round <= rounds; round++) {
				StringBuilder line = new StringBuilder((round > 0) ? "round " + round : "warm-up");
				for (int i = 0; i < clients.size(); i++) {
					int index = Math.floorMod(round + i, clients.size());
					long[] cost = measure(clients.get(index), calls);
					if (round > 0) {
						costs.get(index).add(cost);
					}
					line.append(String.format(Locale.ROOT, " | %s %.2f µs %,d B", CLIENTS.get(index), cost[0] / 1e3,
							cost[1]));
				}
				System.out.println(line.append(String.format(Locale.ROOT, " | load avg %.1f", Machine.loadAverage())));
			}
			Report report = new Report("bridge-cpu", "CPU and allocation per call of the blocking layers");
			report.append(String.format(Locale.ROOT, """
					No network: the template's connector answers every chat in memory, so the calling thread does \
					all of a call's work and its CPU time (`ThreadMXBean`) and allocated bytes per call are the \
					client's own, little moved by other processes sharing the cores. One thread, %,d calls per client \
					per round, %d measured rounds after two warm-up rounds, the order of the clients rotating per \
					round; medians of the rounds. `CometTemplate.chat().block()` is what a blocking caller writes \
					without this starter's blocking layers; the rows below it add `CometClient`'s wait (interrupt \
					handling, unwrapped failures) and the Spring AI bridge's mapping of the prompt and the answer.

					| client | CPU per call | added CPU | bytes per call | added bytes |
					|---|---|---|---|---|
					""", calls, rounds));
			double baseCpu = median(costs.get(0), 0);
			double baseBytes = median(costs.get(0), 1);
			for (int i = 0; i < clients.size(); i++) {
				double cpu = median(costs.get(i), 0);
				double bytes = median(costs.get(i), 1);
				report.append(String.format(Locale.ROOT, "| %s | %.2f µs | %+.2f µs (%+.1f%%) | %,.0f | %+,.0f |%n",
						CLIENTS.get(i), cpu / 1e3, (cpu - baseCpu) / 1e3, (cpu / baseCpu - 1) * 100, bytes,
						bytes - baseBytes));
			}
			String smoke = (scale > 1) ? "\nSmoke run with a tenth of the calls: not a measurement to keep.\n" : "";
			report.append(String.format(Locale.ROOT, "%nThis part alone: `%s -Dexec.args=\"bridgecpu\"`.%n%s%n",
					Report.COMMAND, smoke));
			report.write();
		}
	}

	private static double median(List<long[]> costs, int field) {
		return OverheadScenario.median(costs.stream().map((cost) -> (double) cost[field]).toList());
	}

	/**
	 * Return the CPU nanoseconds and bytes allocated per call of this thread.
	 */
	private static long[] measure(Supplier<Object> call, int calls) {
		long id = Thread.currentThread().getId();
		long cpu = THREADS.getCurrentThreadCpuTime();
		long bytes = THREADS.getThreadAllocatedBytes(id);
		for (int i = 0; i < calls; i++) {
			call.get();
		}
		return new long[] { (THREADS.getCurrentThreadCpuTime() - cpu) / calls,
				(THREADS.getThreadAllocatedBytes(id) - bytes) / calls };
	}

}
