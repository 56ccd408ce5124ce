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
import java.util.function.ToDoubleFunction;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The cost of the blocking {@code CometClient} over {@code CometTemplate} used directly,
 * measured two ways: against the template driven by {@code flatMap} (no thread per call),
 * and against what a blocking caller writes without the client,
 * {@code template.chat(request).block()}, from the same platform threads. The first gap
 * is the cost of blocking at all (the hand-off of every answer from the event loop to a
 * parked thread, the JVM's and the kernel's work, not this client's); the second is the
 * cost of the client's own layer (interrupt handling, unwrapped failures). All talk to
 * the same zero-latency mock through the same template. Rounds rotate which client goes
 * first, after warm-up rounds; the ratios (throughput and p50) are medians of per-round
 * ratios, so that load drifting during the run favours no client.
 *
 * @author CometAPI team
 */
final class BlockingClientScenario {

	static final int WARMUP_ROUNDS = 4;

	static final List<String> CLIENTS = List.of("CometTemplate (flatMap)", "CometTemplate.chat().block()",
			"CometClient (blocking)");

	private BlockingClientScenario() {
	}

	/**
	 * Measure the three clients.
	 * @param fixture the mock and clients
	 * @param concurrency calls in flight at once
	 * @param calls calls per client per round
	 * @param rounds measured rounds
	 * @return the results in the order of {@link #CLIENTS}, their throughput ratios to
	 * the {@code flatMap}, and the blocking client's median per-round ratios to each of
	 * the other two
	 */
	static Result run(ChatFixture fixture, int concurrency, int calls, int rounds) {
		List<Supplier<LoadDriver.Run>> clients = List.of(() -> LoadDriver.run(calls, concurrency, fixture::template),
				() -> threads(calls, concurrency, () -> fixture.template().block()),
				() -> threads(calls, concurrency, fixture::blocking));
		List<List<LoadDriver.Run>> runs = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
		for (int round = 1 - WARMUP_ROUNDS; round <= rounds; round++) {
			for (int i = 0; i < clients.size(); i++) {
				int client = Math.floorMod(round + i, clients.size());
				fixture.mock().reset();
				LoadDriver.Run run = clients.get(client).get();
				if (round > 0) {
					runs.get(client).add(run);
				}
				System.out.printf(Locale.ROOT, "  %s round %d %-28s %8.0f calls/s p50 %6.3f ms%n",
						(concurrency == 1) ? "sequential" : concurrency + " in flight", round, CLIENTS.get(client),
						run.callsPerSecond(), run.latency().getValueAtPercentile(50) / 1e6);
			}
		}
		List<OverheadScenario.Stats> stats = new ArrayList<>();
		for (int client = 0; client < clients.size(); client++) {
			List<LoadDriver.Run> mine = runs.get(client);
			Histogram latency = new Histogram(3);
			mine.forEach((run) -> latency.add(run.latency()));
			stats.add(new OverheadScenario.Stats(CLIENTS.get(client), concurrency,
					OverheadScenario.median(mine.stream().map(LoadDriver.Run::callsPerSecond).toList()),
					ratio(runs, client, 0, LoadDriver.Run::callsPerSecond), latency,
					OverheadScenario.median(mine.stream().map(LoadDriver.Run::bytesPerCall).toList())));
		}
		return new Result(stats, ratio(runs, 2, 1, LoadDriver.Run::callsPerSecond),
				ratio(runs, 2, 0, BlockingClientScenario::p50), ratio(runs, 2, 1, BlockingClientScenario::p50));
	}

	private static double p50(LoadDriver.Run run) {
		return run.latency().getValueAtPercentile(50);
	}

	/**
	 * Return the median of the per-round ratios of one client's figure to another's.
	 */
	private static double ratio(List<List<LoadDriver.Run>> runs, int client, int base,
			ToDoubleFunction<LoadDriver.Run> figure) {
		List<Double> ratios = new ArrayList<>();
		for (int round = 0; round < runs.get(base).size(); round++) {
			ratios.add(figure.applyAsDouble(runs.get(client).get(round))
					/ figure.applyAsDouble(runs.get(base).get(round)));
		}
		return OverheadScenario.median(ratios);
	}

	/**
	 * What was measured.
	 *
	 * @param stats the results in the order of {@link #CLIENTS}, each with its throughput
	 * ratio to the {@code flatMap}
	 * @param throughputToBlock the blocking client's throughput over
	 * {@code template.chat().block()}'s (median of the per-round ratios)
	 * @param p50ToFlatMap the blocking client's p50 over the {@code flatMap}'s
	 * @param p50ToBlock the blocking client's p50 over {@code template.chat().block()}'s
	 */
	record Result(List<OverheadScenario.Stats> stats, double throughputToBlock, double p50ToFlatMap,
			double p50ToBlock) {

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
