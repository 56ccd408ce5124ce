package com.cometapi.benchmarks;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps a fixed number of calls in flight with {@code flatMap} (no thread per call) and
 * records each call's latency, from its subscription to its answer or failure, in an
 * HdrHistogram; also counts the bytes the client-side threads allocated meanwhile.
 *
 * @author CometAPI team
 */
final class LoadDriver {

	private LoadDriver() {
	}

	/**
	 * Run calls and measure them.
	 * @param calls how many calls
	 * @param concurrency how many in flight at once
	 * @param call makes one call
	 * @return what was measured
	 */
	static Run run(int calls, int concurrency, Supplier<Mono<?>> call) {
		Histogram latency = new ConcurrentHistogram(3);
		AtomicInteger failed = new AtomicInteger();
		long allocatedBefore = ClientAllocation.bytes();
		long start = System.nanoTime();
		Flux.range(0, calls).flatMap((i) -> Mono.defer(() -> {
			long subscribed = System.nanoTime();
			return call.get()
				.doOnSuccess((answer) -> latency.recordValue(System.nanoTime() - subscribed))
				.onErrorResume((ex) -> {
					latency.recordValue(System.nanoTime() - subscribed);
					failed.incrementAndGet();
					return Mono.empty();
				});
		}), concurrency).then().block(Duration.ofMinutes(5));
		long nanos = System.nanoTime() - start;
		long allocated = ClientAllocation.bytes() - allocatedBefore;
		return new Run(calls, failed.get(), nanos, latency, (double) allocated / calls);
	}

	/**
	 * What one run measured.
	 *
	 * @param calls the calls made
	 * @param failed the calls that failed
	 * @param nanos the wall time
	 * @param latency the latency of each call, in nanoseconds
	 * @param bytesPerCall the client-side bytes allocated per call
	 */
	record Run(int calls, int failed, long nanos, Histogram latency, double bytesPerCall) {

		double callsPerSecond() {
			return this.calls / (this.nanos / 1e9);
		}

	}

}
