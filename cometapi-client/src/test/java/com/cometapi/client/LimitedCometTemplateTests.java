package com.cometapi.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import com.cometapi.client.error.CometLimiterRejectedException;
import com.cometapi.client.resilience.AdaptiveConcurrencyLimiter;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.LimiterSnapshot;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link CometTemplate} calls held back by an
 * {@link AdaptiveConcurrencyLimiter}, against {@link CometApiMockServer}.
 */
class LimitedCometTemplateTests {

	@RegisterExtension
	final CometApiMockServerExtension mockExtension = new CometApiMockServerExtension();

	private final CometApiMockServer mock = this.mockExtension.server();

	private CometTemplate template;

	private Duration responseTimeout = Duration.ofSeconds(3);

	@AfterEach
	void close() {
		if (this.template != null) {
			this.template.close();
		}
	}

	private CometTemplate template(CometLimiter limiter, RetrySettings retry) {
		this.template = CometTemplate.builder()
			.baseUrl(this.mock.baseUrl())
			.apiKey("test-key")
			.limiter(limiter)
			.retry(retry)
			.retryBudget(RetryBudget.unlimited())
			.cooldown(CooldownSettings.DISABLED)
			.responseTimeout(this.responseTimeout)
			.timeout(Duration.ofSeconds(20))
			.build();
		return this.template;
	}

	private static RetrySettings noRetry() {
		return new RetrySettings(1, Duration.ZERO, 1.0, Duration.ZERO, Jitter.NONE, false);
	}

	@Test
	void neverHasMoreThanMaxInFlightRequestsAtTheServer() {
		this.mock.anyModel().respond(MockResponse.ok().delay(Duration.ofMillis(20)));
		AdaptiveConcurrencyLimiter limiter = AdaptiveConcurrencyLimiter.builder().maxInFlight(4).build();
		PeakCountingLimiter counting = new PeakCountingLimiter(limiter);
		CometTemplate comet = template(counting, noRetry());
		List<ChatCompletion> answers = Flux.range(0, 60)
			.flatMap((i) -> comet.chat("gpt-4o", "hi " + i), 60)
			.collectList()
			.block(Duration.ofSeconds(20));
		assertThat(answers).hasSize(60);
		assertThat(this.mock.requestCount("gpt-4o")).isEqualTo(60);
		assertThat(counting.peak()).isEqualTo(4);
		assertThat(limiter.snapshot("gpt-4o")).extracting(LimiterSnapshot::inFlight, LimiterSnapshot::queued)
			.containsExactly(0, 0);
	}

	@Test
	void rejectedCallsSendNothing() {
		this.mock.anyModel().respond(MockResponse.ok().delay(Duration.ofMillis(1500)));
		this.responseTimeout = Duration.ofSeconds(5);
		AdaptiveConcurrencyLimiter limiter = AdaptiveConcurrencyLimiter.builder()
			.maxInFlight(1)
			.maxQueued(1)
			.queueTimeout(Duration.ofMillis(100))
			.build();
		CometTemplate comet = template(limiter, noRetry());
		Mono<ChatCompletion> first = comet.chat("gpt-4o", "first").cache();
		first.subscribe();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.mock.requestCount("gpt-4o") == 1);
		Mono<ChatCompletion> timedOut = comet.chat("gpt-4o", "second");
		StepVerifier.create(Mono.when(timedOut.then(), Mono.defer(() -> comet.chat("gpt-4o", "third")).then()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CometLimiterRejectedException.class))
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(comet.chat("gpt-4o", "late")).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(CometLimiterRejectedException.class);
			assertThat(((CometLimiterRejectedException) ex).getLimit()).isEqualTo("cometapi.concurrency.queue-timeout");
		}).verify(Duration.ofSeconds(5));
		assertThat(first.block(Duration.ofSeconds(5))).isNotNull();
		assertThat(this.mock.requestCount("gpt-4o")).isEqualTo(1);
	}

	@Test
	void hundredsOfCallersOfASlowModelAllGoOutWithTheDefaults() {
		this.mock.anyModel().respond(MockResponse.ok().delay(Duration.ofSeconds(3)));
		this.responseTimeout = Duration.ofSeconds(30);
		AdaptiveConcurrencyLimiter limiter = AdaptiveConcurrencyLimiter.builder().build();
		CometTemplate comet = template(limiter, noRetry());
		AtomicInteger rejected = new AtomicInteger();
		List<ChatCompletion> answers = Flux.range(0, 400)
			.flatMap((i) -> comet.chat("gpt-4o", "hi " + i)
				.doOnError(CometLimiterRejectedException.class, (ex) -> rejected.incrementAndGet()), 400)
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(answers).hasSize(400);
		assertThat(rejected).hasValue(0);
		assertThat(this.mock.requestCount("gpt-4o")).isEqualTo(400);
		// all 400 waited before the first answer could come back: the limit doubled from
		// 16 while they waited, up to 512
		assertThat(limiter.snapshot("gpt-4o").limit()).isGreaterThanOrEqualTo(400);
	}

	@Test
	void aPermitWaitEndsAtTheCallsDeadlineNamingIt() {
		AdaptiveConcurrencyLimiter limiter = AdaptiveConcurrencyLimiter.builder().maxInFlight(1).build();
		CometLimiter.Permit held = limiter.acquire("gpt-4o").block();
		this.template = CometTemplate.builder()
			.baseUrl(this.mock.baseUrl())
			.apiKey("test-key")
			.limiter(limiter)
			.retry(noRetry())
			.cooldown(CooldownSettings.DISABLED)
			.timeout(Duration.ofMillis(300))
			.build();
		StepVerifier.create(this.template.chat("gpt-4o", "hi")).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(CometLimiterRejectedException.class);
			CometLimiterRejectedException rejected = (CometLimiterRejectedException) ex;
			assertThat(rejected.getLimit()).isEqualTo("cometapi.timeout");
			assertThat(rejected.getLimitValue()).isEqualTo("300ms");
			assertThat(rejected.getModel()).isEqualTo("gpt-4o");
		}).verify(Duration.ofSeconds(10));
		assertThat(limiter.snapshot("gpt-4o")).extracting(LimiterSnapshot::inFlight, LimiterSnapshot::queued)
			.containsExactly(1, 0);
		held.release(CometLimiter.Outcome.SUCCESS);
		assertThat(limiter.snapshot("gpt-4o").inFlight()).isZero();
		assertThat(this.mock.requestCount()).isZero();
	}

	@Test
	void everyPermitComesBackAfterTenThousandMixedCalls() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < 12_000; i++) {
			int dice = random.nextInt(100);
			MockResponse response = (dice < 60) ? MockResponse.ok().delay(Duration.ofMillis(random.nextInt(3)))
					: (dice < 70) ? MockResponse.serverError()
							: (dice < 78) ? MockResponse.rateLimited()
									: (dice < 84) ? MockResponse.badRequest()
											: (dice < 90) ? MockResponse.connectionReset()
													: MockResponse.ok().delay(Duration.ofMillis(100));
			this.mock.anyModel().enqueue(response);
		}
		int limit = 8;
		this.responseTimeout = Duration.ofMillis(60);
		AdaptiveConcurrencyLimiter limiter = AdaptiveConcurrencyLimiter.builder()
			.adaptive(false)
			.maxInFlight(limit)
			.maxQueued(40)
			.queueTimeout(Duration.ofMillis(300))
			.build();
		PeakCountingLimiter counting = new PeakCountingLimiter(limiter);
		CometTemplate comet = template(counting,
				new RetrySettings(2, Duration.ofMillis(1), 1.0, Duration.ofMillis(1), Jitter.NONE, false));
		AtomicInteger outcomes = new AtomicInteger();
		Flux.range(0, 10_000).flatMap((i) -> {
			String model = (i % 2 == 0) ? "gpt-4o" : "claude-sonnet-4-5";
			Mono<ChatCompletion> call = comet.chat(model, "hi " + i);
			if (random.nextInt(10) == 0) {
				call = call.timeout(Duration.ofMillis(random.nextInt(1, 30)), Mono.empty());
			}
			return call.onErrorResume((ex) -> Mono.empty()).doOnTerminate(outcomes::incrementAndGet);
		}, 48).then().block(Duration.ofSeconds(90));
		assertThat(outcomes).hasValue(10_000);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(limiter.snapshots()).hasSize(2)
				.allSatisfy((snapshot) -> assertThat(snapshot)
					.extracting(LimiterSnapshot::inFlight, LimiterSnapshot::queued)
					.containsExactly(0, 0)));
		assertThat(counting.peak()).isLessThanOrEqualTo(2 * limit);
		assertThat(this.mock.requestCount()).isGreaterThan(3_000);
	}

	@Test
	void adaptiveLimiterDrawsFewer429sThanAFixedLimitSetTooHigh() {
		RetrySettings retry = new RetrySettings(1000, Duration.ofMillis(10), 1.5, Duration.ofMillis(50), Jitter.FULL,
				false);
		int fixed429s = run(AdaptiveConcurrencyLimiter.builder().maxInFlight(32).adaptive(false).build(), retry);
		this.template.close();
		this.mock.reset();
		AdaptiveConcurrencyLimiter adaptive = AdaptiveConcurrencyLimiter.builder().maxInFlight(32).build();
		int adaptive429s = run(adaptive, retry);
		assertThat(adaptive429s).isLessThan(fixed429s);
		assertThat(adaptive.snapshot("gpt-4o").requestsPerSecond()).isGreaterThan(0);
	}

	private int run(AdaptiveConcurrencyLimiter limiter, RetrySettings retry) {
		// a burst of one: the 32 requests of the first wave draw 429s however slow the
		// machine is, so the fixed limiter keeps drawing them
		this.mock.rateLimit(20, 1, null);
		CometTemplate comet = template(limiter, retry);
		List<ChatCompletion> answers = Flux.range(0, 80)
			.flatMap((i) -> comet.chat("gpt-4o", "hi " + i), 32)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(answers).hasSize(80);
		return this.mock.rateLimitedCount();
	}

	/**
	 * Counts the permits held at the same time, on the client's side.
	 */
	private static final class PeakCountingLimiter implements CometLimiter {

		private final CometLimiter delegate;

		private final AtomicInteger held = new AtomicInteger();

		private final AtomicInteger peak = new AtomicInteger();

		PeakCountingLimiter(CometLimiter delegate) {
			this.delegate = delegate;
		}

		@Override
		public Mono<Permit> acquire(String model) {
			return this.delegate.acquire(model).map((permit) -> {
				this.peak.accumulateAndGet(this.held.incrementAndGet(), Math::max);
				AtomicInteger once = new AtomicInteger();
				return (outcome) -> {
					if (once.getAndIncrement() == 0) {
						this.held.decrementAndGet();
					}
					permit.release(outcome);
				};
			});
		}

		int peak() {
			return this.peak.get();
		}

	}

}
