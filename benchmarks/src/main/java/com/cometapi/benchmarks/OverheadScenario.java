package com.cometapi.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import reactor.core.publisher.Mono;

/**
 * Load driver for the overhead of {@code CometTemplate.chat} over raw {@code WebClient}:
 * one mock at zero latency, the three clients of a {@link ChatFixture} measured in the
 * same JVM, in rounds whose order alternates (raw first, then last), after
 * {@value #WARMUP_ROUNDS} discarded warm-up rounds. Rounds of a few seconds each: with
 * two warm-up rounds of under a second the JIT was still compiling during the measured
 * rounds, and throughput rose fourfold from the first round to the seventh. Per client:
 * median throughput of the rounds, the median of the per-round ratio to raw (each ratio
 * from two runs moments apart, so that a machine whose load drifts during the run does
 * not favour either), merged latency histogram and client-side bytes per call.
 *
 * @author CometAPI team
 */
final class OverheadScenario {

	static final List<String> CLIENTS = List.of("raw WebClient", "CometTemplate",
			"CometTemplate + adaptive limiter (64)");

	static final int WARMUP_ROUNDS = 6;

	private OverheadScenario() {
	}

	/**
	 * Measure the clients.
	 * @param fixture the mock and clients
	 * @param concurrency calls in flight at once
	 * @param calls calls per client per round
	 * @param rounds measured rounds, after {@value #WARMUP_ROUNDS} warm-up rounds
	 * @return one result per client, raw first
	 */
	static List<Stats> run(ChatFixture fixture, int concurrency, int calls, int rounds) {
		List<Supplier<Mono<?>>> clients = List.of(fixture::raw, fixture::template, fixture::limited);
		List<List<LoadDriver.Run>> runs = new ArrayList<>();
		clients.forEach((client) -> runs.add(new ArrayList<>()));
		for (int round = 1 - WARMUP_ROUNDS; round <= rounds; round++) {
			for (int i = 0; i < clients.size(); i++) {
				int client = (Math.floorMod(round, 2) == 0) ? i : clients.size() - 1 - i;
				fixture.mock().reset();
				LoadDriver.Run run = LoadDriver.run(calls, concurrency, clients.get(client));
				if (round > 0) {
					runs.get(client).add(run);
				}
				System.out.printf(Locale.ROOT,
						"  %s round %d %-40s %8.0f calls/s p50 %6.3f ms p99 %6.3f ms %6.0f B/call%n",
						(concurrency == 1) ? "sequential" : concurrency + " in flight", round, CLIENTS.get(client),
						run.callsPerSecond(), run.latency().getValueAtPercentile(50) / 1e6,
						run.latency().getValueAtPercentile(99) / 1e6, run.bytesPerCall());
			}
		}
		List<Stats> stats = new ArrayList<>();
		for (int client = 0; client < clients.size(); client++) {
			List<LoadDriver.Run> mine = runs.get(client);
			List<Double> ratios = new ArrayList<>();
			for (int round = 0; round < rounds; round++) {
				ratios.add(mine.get(round).callsPerSecond() / runs.get(0).get(round).callsPerSecond());
			}
			Histogram latency = new Histogram(3);
			mine.forEach((run) -> latency.add(run.latency()));
			stats.add(new Stats(CLIENTS.get(client), concurrency,
					median(mine.stream().map(LoadDriver.Run::callsPerSecond).toList()), median(ratios), latency,
					median(mine.stream().map(LoadDriver.Run::bytesPerCall).toList())));
		}
		return stats;
	}

	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	/**
	 * What was measured of one client.
	 *
	 * @param client the client
	 * @param concurrency calls in flight at once
	 * @param callsPerSecond median throughput of the rounds
	 * @param ratioToRaw median of the rounds' throughput ratios to raw
	 * @param latency every measured call's latency, in nanoseconds
	 * @param bytesPerCall median client-side bytes allocated per call
	 */
	record Stats(String client, int concurrency, double callsPerSecond, double ratioToRaw, Histogram latency,
			double bytesPerCall) {

		double p50Millis() {
			return this.latency.getValueAtPercentile(50) / 1e6;
		}

		double p99Millis() {
			return this.latency.getValueAtPercentile(99) / 1e6;
		}

	}

}
