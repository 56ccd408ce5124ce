package com.cometapi.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.resilience.AdaptiveConcurrencyLimiter;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.client.wire.CometJson;

/**
 * The pipeline's own cost with no network at all, on one thread: raw {@code WebClient}
 * and a {@code CometTemplate} with the starter's defaults get a connector that answers in
 * memory (the one of {@link PipelineOverheadBenchmark}), and each runs calls one after
 * the other on the measuring thread, which does all of their work. That thread's CPU time
 * and allocated bytes per call are therefore the clients' own, and move little when other
 * processes share the cores: fine enough to tell one optimisation from the next. Raw
 * sends bytes written once, before the runs; a third variant, raw + JSON, writes the
 * request with the template's mapper on every call, as the template must, to show how
 * much of the difference is that write.
 *
 * @author CometAPI team
 */
final class InMemoryCpu {

	static final int CALLS = 100_000;

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private InMemoryCpu() {
	}

	/**
	 * Run raw and template alternately and print each pair.
	 * @param pairs measured pairs, after two warm-up pairs
	 * @param scale divides the calls (1 for a real run)
	 * @return the report section
	 */
	static String run(int pairs, int scale) {
		ObjectMapper mapper = CometJson.newObjectMapper();
		ChatRequest request = ChatRequest.of(ChatFixture.MODEL, "Say hello.");
		byte[] body;
		try {
			body = mapper.writeValueAsBytes(request);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		WebClient raw = WebClient.builder()
			.baseUrl("http://comet.invalid")
			.clientConnector(PipelineOverheadBenchmark.connector())
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer benchmark-key")
			.build();
		Supplier<Object> rawCall = () -> rawCall(raw, mapper, body);
		Supplier<Object> rawJsonCall = () -> {
			try {
				return rawCall(raw, mapper, mapper.writeValueAsBytes(request));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		};
		StringBuilder table = new StringBuilder(
				String.format(Locale.ROOT, "## In memory, one thread: %,d chat calls per run%n%n", CALLS / scale));
		table.append("| pair | raw CPU/call | starter CPU/call | **added CPU** | raw B/call | starter B/call "
				+ "| **added B** | raw + JSON CPU/call | **added CPU vs raw + JSON** |\n"
				+ "|---|---|---|---|---|---|---|---|---|\n");
		try (CometTemplate template = CometTemplate.builder()
			.baseUrl("http://comet.invalid")
			.apiKey("benchmark-key")
			.limiter(AdaptiveConcurrencyLimiter.builder().build())
			.webClientCustomizer((builder) -> builder.clientConnector(PipelineOverheadBenchmark.connector()))
			.build()) {
			Supplier<Object> templateCall = () -> template.chat(request).block();
			for (int pair = -1; pair <= pairs; pair++) {
				long[] rawCost = measure(rawCall, CALLS / scale);
				long[] templateCost = measure(templateCall, CALLS / scale);
				long[] rawJsonCost = measure(rawJsonCall, CALLS / scale);
				String line = String.format(Locale.ROOT,
						"| %s | %.2f µs | %.2f µs | %+.2f µs | %,d | %,d | %+,d | %.2f µs | %+.2f µs | load avg %.1f",
						(pair > 0) ? String.valueOf(pair) : "warm-up", rawCost[0] / 1e3, templateCost[0] / 1e3,
						(templateCost[0] - rawCost[0]) / 1e3, rawCost[1], templateCost[1], templateCost[1] - rawCost[1],
						rawJsonCost[0] / 1e3, (templateCost[0] - rawJsonCost[0]) / 1e3, Machine.loadAverage());
				System.out.println(line);
				if (pair > 0) {
					table.append(line.substring(0, line.lastIndexOf('|') + 1)).append('\n');
				}
			}
		}
		return table.append('\n').toString();
	}

	/**
	 * Make one raw call and read its answer with the template's mapper.
	 */
	private static Object rawCall(WebClient raw, ObjectMapper mapper, byte[] body) {
		byte[] answer = raw.post()
			.uri(ChatFixture.PATH)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.retrieve()
			.bodyToMono(byte[].class)
			.block();
		try {
			return mapper.readValue(answer, ChatCompletion.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
