package com.cometapi.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;

import com.cometapi.test.MockResponse;

/**
 * Time to first chunk of a streamed chat, raw {@code WebClient} (Spring's SSE reader,
 * then the same mapper) beside {@code CometTemplate.stream}, one stream at a time against
 * the mock sending {@value #DELTAS} content chunks plus role, finish and usage chunks at
 * zero delay. Rounds alternate which client goes first; the first round is a warm-up.
 * Every stream is read to its end, so connections go back to the pool.
 *
 * @author CometAPI team
 */
final class FirstChunkScenario {

	static final int DELTAS = 20;

	private FirstChunkScenario() {
	}

	/**
	 * Measure both clients.
	 * @param fixture the mock and clients
	 * @param streams streams per client per round
	 * @param rounds measured rounds, after one warm-up
	 * @return raw first, then the template
	 */
	static List<Stats> run(ChatFixture fixture, int streams, int rounds) {
		String[] deltas = IntStream.range(0, DELTAS).mapToObj((i) -> " token" + i).toArray(String[]::new);
		List<Supplier<Flux<?>>> clients = List.of(fixture::rawStream, fixture::templateStream);
		List<Stats> stats = List.of(new Stats("raw WebClient", new Histogram(3), new Histogram(3), new AtomicInteger()),
				new Stats("CometTemplate", new Histogram(3), new Histogram(3), new AtomicInteger()));
		for (int round = 0; round <= rounds; round++) {
			for (int i = 0; i < clients.size(); i++) {
				int client = (round % 2 == 0) ? i : clients.size() - 1 - i;
				fixture.mock().reset();
				fixture.mock().anyModel().respond(MockResponse.stream(deltas));
				Stats target = (round > 0) ? stats.get(client)
						: new Stats("warm-up", new Histogram(3), new Histogram(3), new AtomicInteger());
				for (int n = 0; n < streams; n++) {
					measure(clients.get(client), target);
				}
			}
		}
		stats.forEach((stat) -> System.out.printf(Locale.ROOT,
				"  %-15s first chunk p50 %.3f ms p99 %.3f ms; whole stream p50 %.3f ms; %d chunks/stream%n",
				stat.client(), stat.firstChunk().getValueAtPercentile(50) / 1e6,
				stat.firstChunk().getValueAtPercentile(99) / 1e6, stat.whole().getValueAtPercentile(50) / 1e6,
				stat.chunks().get() / Math.max(1, stat.firstChunk().getTotalCount())));
		return stats;
	}

	private static void measure(Supplier<Flux<?>> client, Stats target) {
		AtomicLong first = new AtomicLong();
		long start = System.nanoTime();
		client.get().doOnNext((chunk) -> {
			if (first.get() == 0) {
				first.set(System.nanoTime());
			}
			target.chunks().incrementAndGet();
		}).then().block(Duration.ofSeconds(30));
		long end = System.nanoTime();
		target.firstChunk().recordValue(first.get() - start);
		target.whole().recordValue(end - start);
	}

	/**
	 * What was measured of one client.
	 *
	 * @param client the client
	 * @param firstChunk time from subscription to the first chunk, in nanoseconds
	 * @param whole time from subscription to the end of the stream, in nanoseconds
	 * @param chunks chunks received
	 */
	record Stats(String client, Histogram firstChunk, Histogram whole, AtomicInteger chunks) {

	}

}
