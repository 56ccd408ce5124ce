package com.cometapi.client;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.cometapi.client.error.CometInterruptedException;
import com.cometapi.client.resilience.AdaptiveConcurrencyLimiter;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.LimiterSnapshot;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 10,000 callers of a {@link CometClient} (virtual threads on Java 21 and later, a
 * bounded pool of platform threads before), a seeded third of them interrupted at a
 * random moment: before the call, queued behind the limiter, in flight or part-way
 * through a stream. Every caller must end with its answer or a
 * {@link CometInterruptedException} with its interrupt flag set, and afterwards every
 * permit must be back and the connection pool at rest.
 */
class CometClientInterruptStormTests {

	private static final int CALLERS = Integer.getInteger("callers", 10_000);

	private static final long SEED = Long.getLong("callers.seed", 17);

	private static final Duration WAIT = Duration.ofMinutes(3);

	private final CometApiMockServer mock = CometApiMockServer.start();

	private final AdaptiveConcurrencyLimiter limiter = AdaptiveConcurrencyLimiter.builder()
		.adaptive(false)
		.maxInFlight(64)
		.maxQueued(CALLERS)
		.queueTimeout(WAIT)
		.build();

	private final ScheduledExecutorService interrupter = Executors.newSingleThreadScheduledExecutor();

	private CometTemplate template;

	@AfterEach
	void close() {
		this.interrupter.shutdownNow();
		if (this.template != null) {
			this.template.close();
		}
		this.mock.close();
	}

	@Test
	void everyPermitAndConnectionComesBackAfterRandomInterrupts() throws Exception {
		this.mock.model("gpt-4o").respond(MockResponse.ok("Hi").delay(Duration.ofMillis(2)));
		this.mock.model("gpt-4o-mini").respond(MockResponse.stream("a", "b", "c").chunkDelay(Duration.ofMillis(1)));
		this.template = CometTemplate.builder()
			.baseUrl(this.mock.baseUrl())
			.apiKey("test-key")
			.models("gpt-4o")
			.limiter(this.limiter)
			.retry(new RetrySettings(1, Duration.ZERO, 1.0, Duration.ZERO, Jitter.NONE, false))
			.retryBudget(RetryBudget.unlimited())
			.cooldown(CooldownSettings.DISABLED)
			.timeout(WAIT)
			.build();
		CometClient comet = CometClient.of(this.template);
		Random random = new Random(SEED);
		Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
		List<Future<?>> callers = new ArrayList<>(CALLERS);
		long began = System.nanoTime();
		try (Callers executor = Callers.create()) {
			for (int i = 0; i < CALLERS; i++) {
				boolean streams = random.nextInt(4) == 0;
				long interruptAfterMicros = (random.nextInt(3) == 0) ? random.nextInt(5_000) : -1;
				callers
					.add(executor.service().submit(() -> call(comet, streams, interruptAfterMicros, outcomes), null));
			}
			for (Future<?> caller : callers) {
				try {
					caller.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (ExecutionException ex) {
					throw new AssertionError("a caller failed", ex.getCause());
				}
			}
		}
		System.out.printf("%d callers on %s in %d ms: %s%n", CALLERS, Callers.kind(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), outcomes);
		assertThat(outcomes.keySet()).containsOnly("answered", "streamed", "interrupted");
		assertThat(outcomes.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(CALLERS);
		assertThat(outcomes.get("interrupted")).hasPositiveValue();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.limiter.snapshots()).isNotEmpty()
				.allSatisfy((model) -> assertThat(model).extracting(LimiterSnapshot::inFlight, LimiterSnapshot::queued)
					.containsExactly(0, 0)));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			ConnectionPoolStats pool = this.template.getConnectionPoolStats();
			assertThat(pool.acquired()).isZero();
			assertThat(pool.pending()).isZero();
			assertThat(this.mock.inFlight()).isZero();
		});
		assertThat(this.mock.requestCount()).isLessThanOrEqualTo(CALLERS);
	}

	private void call(CometClient comet, boolean streams, long interruptAfterMicros,
			Map<String, AtomicInteger> outcomes) {
		Interrupt interrupt = new Interrupt(Thread.currentThread());
		if (interruptAfterMicros >= 0) {
			this.interrupter.schedule(interrupt::fire, interruptAfterMicros, TimeUnit.MICROSECONDS);
		}
		String outcome;
		try {
			if (streams) {
				try (Stream<ChatCompletionChunk> chunks = comet.stream(ChatRequest.of("gpt-4o-mini", "Hi"))) {
					assertThat(chunks.count()).isPositive();
				}
				outcome = "streamed";
			}
			else {
				assertThat(comet.prompt("Hi").content()).isEqualTo("Hi");
				outcome = "answered";
			}
		}
		catch (CometInterruptedException ex) {
			outcome = Thread.currentThread().isInterrupted() ? "interrupted" : "interrupted, flag lost";
		}
		finally {
			interrupt.disarm();
		}
		outcomes.computeIfAbsent(outcome, (key) -> new AtomicInteger()).incrementAndGet();
	}

	/**
	 * Interrupts a caller's thread only while that caller is still running, so that an
	 * interrupt never leaks into the next task of a pooled thread.
	 */
	private static final class Interrupt {

		private final Thread thread;

		private boolean armed = true;

		Interrupt(Thread thread) {
			this.thread = thread;
		}

		synchronized void fire() {
			if (this.armed) {
				this.thread.interrupt();
			}
		}

		synchronized void disarm() {
			this.armed = false;
			Thread.interrupted();
		}

	}

	/**
	 * Virtual threads where the JVM has them (found reflectively: the project compiles
	 * for Java 17), else 256 platform threads.
	 */
	private record Callers(ExecutorService service) implements AutoCloseable {

		static Callers create() {
			try {
				ExecutorService virtual = (ExecutorService) MethodHandles.publicLookup()
					.findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
							MethodType.methodType(ExecutorService.class))
					.invoke();
				return new Callers(virtual);
			}
			catch (NoSuchMethodException | IllegalAccessException ex) {
				return new Callers(Executors.newFixedThreadPool(256));
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		}

		static String kind() {
			return (Runtime.version().feature() >= 21) ? "virtual threads" : "256 platform threads";
		}

		@Override
		public void close() {
			this.service.shutdownNow();
		}

	}

}
