package com.cometapi.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

import com.cometapi.ai.CometChatModel;
import com.cometapi.ai.CometChatOptions;
import com.cometapi.client.CometTemplate;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.test.CometApiMockServer;

/**
 * The cost of the Spring AI bridge: {@code CometChatModel.call} against
 * {@code CometTemplate.chat(...).block()} directly, both blocking callers on the same
 * pool of platform threads (a {@code ChatModel} call blocks), over one template against a
 * zero-latency mock; {@code ChatClient} over the bridge is measured too, for reference
 * (its advisor chain is Spring AI's, not the bridge's). Rounds alternate the order of the
 * clients after {@value #WARMUP_ROUNDS} warm-up rounds; throughput is the median of the
 * rounds, the ratio the median of the per-round ratios to the template.
 *
 * @author CometAPI team
 */
final class BridgeOverheadScenario implements AutoCloseable {

	static final List<String> CLIENTS = List.of("CometTemplate.chat().block()", "CometChatModel.call()",
			"ChatClient over CometChatModel");

	static final int WARMUP_ROUNDS = 4;

	private static final String MODEL = "gpt-4o";

	private final CometApiMockServer mock = CometApiMockServer.start();

	private final CometTemplate template = CometTemplate.builder()
		.baseUrl(this.mock.baseUrl())
		.apiKey("benchmark-key")
		.limiter(CometLimiter.unlimited())
		.build();

	private final CometChatModel model = CometChatModel.builder(this.template)
		.defaultOptions(CometChatOptions.builder().model(MODEL).build())
		.build();

	private final ChatClient client = ChatClient.builder(this.model).build();

	private final ChatRequest request = ChatRequest.of(MODEL, "Say hello.");

	private final Prompt prompt = new Prompt("Say hello.");

	private final ExecutorService threads = Executors.newFixedThreadPool(64);

	private final Scheduler callers = Schedulers.fromExecutorService(this.threads);

	Mono<ChatCompletion> template() {
		return Mono.fromCallable(() -> this.template.chat(this.request).block()).subscribeOn(this.callers);
	}

	Mono<ChatResponse> bridge() {
		return Mono.fromCallable(() -> this.model.call(this.prompt)).subscribeOn(this.callers);
	}

	Mono<String> chatClient() {
		return Mono.fromCallable(() -> this.client.prompt().user("Say hello.").call().content())
			.subscribeOn(this.callers);
	}

	List<OverheadScenario.Stats> run(int concurrency, int calls, int rounds) {
		List<Supplier<Mono<?>>> clients = List.of(this::template, this::bridge, this::chatClient);
		for (int i = 0; i < 50; i++) {
			clients.forEach((client) -> client.get().block(Duration.ofSeconds(10)));
		}
		List<List<LoadDriver.Run>> runs = new ArrayList<>();
		clients.forEach((client) -> runs.add(new ArrayList<>()));
		for (int round = 1 - WARMUP_ROUNDS; round <= rounds; round++) {
			for (int i = 0; i < clients.size(); i++) {
				int client = (Math.floorMod(round, 2) == 0) ? i : clients.size() - 1 - i;
				this.mock.reset();
				LoadDriver.Run run = LoadDriver.run(calls, concurrency, clients.get(client));
				if (round > 0) {
					runs.get(client).add(run);
				}
				System.out.printf(Locale.ROOT, "  %s round %d %-32s %8.0f calls/s p50 %6.3f ms p99 %6.3f ms%n",
						(concurrency == 1) ? "sequential" : concurrency + " in flight", round, CLIENTS.get(client),
						run.callsPerSecond(), run.latency().getValueAtPercentile(50) / 1e6,
						run.latency().getValueAtPercentile(99) / 1e6);
			}
		}
		List<OverheadScenario.Stats> stats = new ArrayList<>();
		for (int client = 0; client < clients.size(); client++) {
			List<LoadDriver.Run> mine = runs.get(client);
			List<Double> ratios = new ArrayList<>();
			for (int round = 0; round < rounds; round++) {
				ratios.add(mine.get(round).callsPerSecond() / runs.get(0).get(round).callsPerSecond());
			}
			Histogram latency = new Histogram(3);
			mine.forEach((run) -> latency.add(run.latency()));
			stats.add(new OverheadScenario.Stats(CLIENTS.get(client), concurrency,
					OverheadScenario.median(mine.stream().map(LoadDriver.Run::callsPerSecond).toList()),
					OverheadScenario.median(ratios), latency,
					OverheadScenario.median(mine.stream().map(LoadDriver.Run::bytesPerCall).toList())));
		}
		return stats;
	}

	/**
	 * Measure and write {@code results/spring-ai-bridge.md}.
	 * @param scale 1 for a full run, 10 for a smoke run with a tenth of the calls
	 */
	static void report(int scale) {
		try (BridgeOverheadScenario scenario = new BridgeOverheadScenario()) {
			List<OverheadScenario.Stats> loaded = scenario.run(64, 10000 / scale, 5);
			List<OverheadScenario.Stats> sequential = scenario.run(1, 1000 / scale, 5);
			Report report = new Report("spring-ai-bridge", "Cost of the Spring AI bridge over CometTemplate");
			report.append("""
					The mock answers every chat at once on loopback, in the same JVM. `CometChatModel.call()` is \
					blocking, so the template is called blocking too (`chat(request).block()`), both from the same \
					pool of 64 platform threads; the bridge maps the prompt to a `ChatRequest`, calls that same \
					template and maps the answer to a `ChatResponse` with its metadata. `ChatClient` adds Spring AI's \
					own request building and advisor chain (its cost is Spring AI's). Rounds alternate the clients' \
					order; throughput is the median of the rounds, the ratio the median of per-round ratios.

					""");
			report.append("## 64 calls in flight\n\n");
			report.append(table(loaded));
			report.append("\n## One call at a time\n\n");
			report.append(table(sequential));
			OverheadScenario.Stats loadedBridge = loaded.get(1);
			double addedP50 = sequential.get(1).p50Millis() / sequential.get(0).p50Millis() - 1;
			report.append(String.format(Locale.ROOT, """

					**Target** (bridge at most 5%% over the template): throughput at 64 in flight %.3f× (%s); \
					p50 one call at a time %+.1f%% (%s).%s
					""", loadedBridge.ratioToRaw(), (loadedBridge.ratioToRaw() >= 0.95) ? "met" : "missed",
					addedP50 * 100, (addedP50 <= 0.05) ? "met" : "missed",
					(scale > 1) ? "\n\nSmoke run with a tenth of the calls: not a measurement to keep.\n" : ""));
			report.write();
		}
	}

	private static String table(List<OverheadScenario.Stats> stats) {
		StringBuilder table = new StringBuilder(
				"| client | calls/s | × template | p50 | p99 | added p50 |\n|---|---|---|---|---|---|\n");
		OverheadScenario.Stats base = stats.get(0);
		for (OverheadScenario.Stats stat : stats) {
			table.append(String.format(Locale.ROOT, "| %s | %,.0f | %.3f× | %.3f ms | %.3f ms | %+.3f ms |%n",
					stat.client(), stat.callsPerSecond(), stat.ratioToRaw(), stat.p50Millis(), stat.p99Millis(),
					stat.p50Millis() - base.p50Millis()));
		}
		return table.toString();
	}

	@Override
	public void close() {
		this.callers.dispose();
		this.threads.shutdownNow();
		this.template.close();
		this.mock.close();
	}

}
