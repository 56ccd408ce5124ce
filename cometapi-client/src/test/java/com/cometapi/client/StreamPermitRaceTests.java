package com.cometapi.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import com.cometapi.client.error.CometTimeoutException;
import com.cometapi.client.resilience.AdaptiveConcurrencyLimiter;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.LimiterSnapshot;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Races a stream's end (the caller's cancel, the call's deadline) against the arrival of
 * its first chunk on real threads (a scheduler's against the event loop's), and checks
 * that every permit and connection comes back. The streams stall after their first chunk,
 * so an answer that was dropped without being closed would hold its permit and connection
 * for good.
 */
class StreamPermitRaceTests {

	private static final int CANCEL_RACES = Integer.getInteger("races.cancel", 15_000);

	private static final int DEADLINE_RACES = Integer.getInteger("races.deadline", 5_000);

	private static final int CONCURRENT_RACES = 64;

	private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(5);

	@RegisterExtension
	final CometApiMockServerExtension mockExtension = new CometApiMockServerExtension();

	private final CometApiMockServer mock = this.mockExtension.server();

	private final AdaptiveConcurrencyLimiter limiter = AdaptiveConcurrencyLimiter.builder()
		.adaptive(false)
		.maxInFlight(64)
		.maxQueued(1_000)
		.queueTimeout(Duration.ofSeconds(10))
		.build();

	private CometTemplate template;

	@AfterEach
	void close() {
		if (this.template != null) {
			this.template.close();
		}
	}

	private CometTemplate.Builder builder() {
		return CometTemplate.builder()
			.baseUrl(this.mock.baseUrl())
			.apiKey("test-key")
			.models("gpt-4o")
			.limiter(this.limiter)
			.retry(new RetrySettings(1, Duration.ZERO, 1.0, Duration.ZERO, Jitter.NONE, false))
			.retryBudget(RetryBudget.unlimited())
			.cooldown(CooldownSettings.DISABLED)
			.streamIdleTimeout(IDLE_TIMEOUT);
	}

	@Test
	void everyPermitAndConnectionComesBackWhenCallersCancelAsTheFirstChunkArrives() {
		this.mock.anyModel().respond(MockResponse.stream("first", "never").stallAfter(1));
		this.template = builder().build();
		ChatRequest request = ChatRequest.of("gpt-4o", "Hi");
		AtomicLong cancelAfter = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(1));
		AtomicInteger afterFirstChunk = new AtomicInteger();
		long began = System.nanoTime();
		Flux.range(0, CANCEL_RACES).flatMap((i) -> {
			long delay = cancelAfter.get();
			long jittered = delay + ThreadLocalRandom.current().nextLong(-delay / 4, delay / 4 + 1);
			return this.template.stream(request)
				.takeUntilOther(Mono.delay(Duration.ofNanos(jittered), Schedulers.parallel()))
				.hasElements()
				.doOnNext((sawChunk) -> {
					if (sawChunk) {
						afterFirstChunk.incrementAndGet();
					}
					steer(cancelAfter, sawChunk);
				});
		}, CONCURRENT_RACES).then().block(Duration.ofMinutes(3));
		System.out.printf("cancel races: %d in %d ms, %d after the first chunk, cancel delay now %d us%n", CANCEL_RACES,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), afterFirstChunk.get(),
				TimeUnit.NANOSECONDS.toMicros(cancelAfter.get()));
		// the races steer their cancel to the moment the first chunk arrives
		assertThat(afterFirstChunk.get()).isBetween(CANCEL_RACES / 10, CANCEL_RACES * 9 / 10);
		assertEverythingComesBack(CANCEL_RACES);
	}

	/**
	 * Move a delay a step down or up, within 5 us and 10 s, so that the races it times
	 * gather where the end and the first chunk meet.
	 */
	private static void steer(AtomicLong nanos, boolean down) {
		nanos.updateAndGet((delay) -> {
			long step = Math.max(delay / 16, TimeUnit.MICROSECONDS.toNanos(5));
			return down ? Math.max(delay - step, step) : Math.min(delay + step, TimeUnit.SECONDS.toNanos(10));
		});
	}

	@Test
	void everyPermitAndConnectionComesBackWhenDeadlinesPassAsTheFirstChunkArrives() {
		Duration deadline = Duration.ofMillis(100);
		this.template = builder().timeout(deadline).scheduler(Schedulers.parallel()).build();
		ChatRequest request = ChatRequest.of("gpt-4o", "Hi");
		AtomicLong serverDelay = new AtomicLong(deadline.toNanos() / 2);
		AtomicInteger started = new AtomicInteger();
		AtomicInteger timedOut = new AtomicInteger();
		long began = System.nanoTime();
		Flux.range(0, DEADLINE_RACES).flatMap((i) -> {
			this.mock.anyModel()
				.enqueue(
						MockResponse.stream("first", "never").stallAfter(1).delay(Duration.ofNanos(serverDelay.get())));
			return this.template.stream(request)
				.take(1)
				.hasElements()
				.onErrorResume(CometTimeoutException.class, (ex) -> Mono.just(false))
				.doOnNext((sawChunk) -> {
					(sawChunk ? started : timedOut).incrementAndGet();
					steer(serverDelay, !sawChunk);
				});
		}, CONCURRENT_RACES).then().block(Duration.ofMinutes(3));
		System.out.printf("deadline races: %d in %d ms, %d started, %d timed out, server delay now %d us%n",
				DEADLINE_RACES, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), started.get(), timedOut.get(),
				TimeUnit.NANOSECONDS.toMicros(serverDelay.get()));
		assertThat(started.get() + timedOut.get()).isEqualTo(DEADLINE_RACES);
		assertThat(timedOut).hasPositiveValue();
		assertEverythingComesBack(DEADLINE_RACES);
	}

	/**
	 * Every permit must come back, and the pool must be at rest: no connection acquired
	 * and none of the stalled streams still open at the server. A cancel that reached
	 * Reactor Netty off the connection's event loop used to leave a few connections in
	 * tens of thousands acquired and open.
	 */
	private void assertEverythingComesBack(int races) {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.limiter.snapshots()).singleElement()
				.extracting(LimiterSnapshot::inFlight, LimiterSnapshot::queued)
				.containsExactly(0, 0));
		await().atMost(IDLE_TIMEOUT.multipliedBy(4)).untilAsserted(() -> {
			ConnectionPoolStats pool = this.template.getConnectionPoolStats();
			assertThat(pool.pending()).isZero();
			assertThat(pool.acquired()).isZero();
			assertThat(this.mock.inFlight()).isZero();
		});
		System.out.println("pool after " + races + " races: " + this.template.getConnectionPoolStats());
	}

}
