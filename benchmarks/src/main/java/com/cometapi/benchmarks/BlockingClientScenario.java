package com.cometapi.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The cost of the blocking {@code CometClient} over {@code CometTemplate} used directly:
 * the template driven by {@code flatMap} (no thread per call), the blocking client by as
 * many platform threads as calls in flight, each waiting for its answer. Both talk to the
 * same zero-latency mock through the same template. Rounds alternate which client goes
 * first, after warm-up rounds; the ratios (throughput and p50) are medians of per-round
 * ratios, so that load drifting during the run favours neither client.
 *
 * @author CometAPI team
 */
final class BlockingClientScenario {

	static final int WARMUP_ROUNDS = 4;

	private BlockingClientScenario() {
	}

	/**
	 * Measure both clients.
	 * @param fixture the mock and clients
	 * @param concurrency calls in flight at once
	 * @param calls calls per client per round
	 * @param rounds measured rounds
	 * @return the template's result, then the blocking client's, and the median per-round
	 * ratio of their p50 latencies
	 */
	static Result run(ChatFixture fixture, int concurrency, int calls, int rounds) {
		List<String> names = List.of("CometTemplate", "CometClient (blocking)");
		List<Supplier<LoadDriver.Run>> clients = List.of(() -> LoadDriver.run(calls, concurrency, fixture::template),
				() -> threads(calls, concurrency, fixture::blocking));
		List<List<LoadDriver.Run>> runs = List.of(new ArrayList<>(), new ArrayList<>());
		for (int round = 1 - WARMUP_ROUNDS; round <= rounds; round++) {
			for (int i = 0; i < 2; i++) {
				int client = (Math.floorMod(round, 2) == 0) ? i : 1 - i;
				fixture.mock().reset();
				LoadDriver.Run run = clients.get(client).get();
				if (round > 0) {
					runs.get(client).add(run);
				}
				System.out.printf(Locale.ROOT, "  %s round %d %-24s %8.0f calls/s p50 %6.3f ms%n",
						(concurrency == 1) ? "sequential" : concurrency + " in flight", round, names.get(client),
						run.callsPerSecond(), run.latency().getValueAtPercentile(50) / 1e6);
			}
		}
		List<Double> p50Ratios = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			p50Ratios.add((double) runs.get(1).get(round).latency().getValueAtPercentile(50)
					/ runs.get(0).get(round).latency().getValueAtPercentile(50));
		}
		List<OverheadScenario.Stats> stats = new ArrayList<>();
		for (int client = 0; client < 2; client++) {
			List<LoadDriver.Run> mine = runs.get(client);
			List<Double> ratios = new ArrayList<>();
			for (int round = 0; round < rounds; round++) {
				ratios.add(mine.get(round).callsPerSecond() / runs.get(0).get(round).callsPerSecond());
			}
			Histogram latency = new Histogram(3);
			mine.forEach((run) -> latency.add(run.latency()));
			stats.add(new OverheadScenario.Stats(names.get(client), concurrency,
					OverheadScenario.median(mine.stream().map(LoadDriver.Run::callsPerSecond).toList()),
					OverheadScenario.median(ratios), latency,
					OverheadScenario.median(mine.stream().map(LoadDriver.Run::bytesPerCall).toList())));
		}
		return new Result(stats, OverheadScenario.median(p50Ratios));
	}

	/**
	 * What was measured.
	 *
	 * @param stats the template's result, then the blocking client's
	 * @param p50Ratio the median of the per-round ratios of the blocking client's p50 to
	 * the template's
	 */
	record Result(List<OverheadScenario.Stats> stats, double p50Ratio) {

	}

	/**
	 * Make calls from a fixed number of threads, each waiting for its answer.
	 */
	private static LoadDriver.Run threads(int calls, int threads, Runnable call) {
		Histogram latency = new ConcurrentHistogram(3);
		AtomicInteger left = new AtomicInteger(calls);
		AtomicInteger failed = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		long allocatedBefore = ClientAllocation.bytes();
		long start = System.nanoTime();
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				workers.add(pool.submit(() -> {
					while (left.getAndDecrement() > 0) {
						long began = System.nanoTime();
						try {
							call.run();
						}
						catch (RuntimeException ex) {
							failed.incrementAndGet();
						}
						latency.recordValue(System.nanoTime() - began);
					}
				}));
			}
			for (Future<?> worker : workers) {
				worker.get(5, TimeUnit.MINUTES);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			pool.shutdownNow();
		}
		long nanos = System.nanoTime() - start;
		return new LoadDriver.Run(calls, failed.get(), nanos, latency,
				(double) (ClientAllocation.bytes() - allocatedBefore) / calls);
	}

}
