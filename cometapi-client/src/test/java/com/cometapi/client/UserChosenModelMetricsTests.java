package com.cometapi.client;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.cometapi.client.observation.CometMeterObservationHandler;
import com.cometapi.client.observation.CometTrafficRecorder;
import com.cometapi.client.resilience.AdaptiveConcurrencyLimiter;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.resilience.LimiterSnapshot;
import com.cometapi.client.resilience.ModelKeys;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model names chosen by end users at run time: they reach the wire as they are, but share
 * one bounded bucket of state and tags unless they are known.
 */
class UserChosenModelMetricsTests {

	private static final int NAMES = 10_000;

	@RegisterExtension
	final CometApiMockServerExtension mockExtension = new CometApiMockServerExtension();

	private final CometApiMockServer mock = this.mockExtension.server();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final CometTrafficRecorder traffic = new CometTrafficRecorder(10);

	private CometTemplate template;

	@AfterEach
	void close() {
		if (this.template != null) {
			this.template.close();
		}
	}

	private CometTemplate template(CometLimiter limiter, String... models) {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(this.meters))
			.observationHandler(new CometMeterObservationHandler(this.meters))
			.observationHandler(this.traffic);
		this.template = CometTemplate.builder()
			.baseUrl(this.mock.baseUrl())
			.apiKey("test-key")
			.models(models)
			.limiter(limiter)
			.retryBudget(RetryBudget.unlimited())
			.observationRegistry(observations)
			.timeout(Duration.ofSeconds(60))
			.build();
		return this.template;
	}

	@Test
	void tenThousandUnknownNamesShareOneLimiterOneTagAndOneHealthEntry() {
		this.mock.anyModel().respond(MockResponse.ok());
		AdaptiveConcurrencyLimiter limiter = AdaptiveConcurrencyLimiter.builder()
			.adaptive(false)
			.maxInFlight(8)
			.maxQueued(NAMES)
			.build();
		HeldPermits held = new HeldPermits(limiter);
		CometTemplate comet = template(held, "gpt-4o");
		comet.chat("gpt-4o", "warm up").block(Duration.ofSeconds(10));
		comet.chat("user-model-warm-up", "warm up").block(Duration.ofSeconds(10));
		int metersBefore = this.meters.getMeters().size();
		Long answered = Flux.range(0, NAMES)
			.flatMap((i) -> comet.chat("user-model-" + i, "hi"), 64)
			.count()
			.block(Duration.ofMinutes(5));
		assertThat(answered).isEqualTo(NAMES);
		assertThat(this.mock.requestCount("user-model-9999")).isEqualTo(1);
		assertThat(this.meters.getMeters()).hasSize(metersBefore);
		assertThat(this.meters.getMeters()).flatMap((meter) -> meter.getId().getTags())
			.noneMatch((tag) -> tag.getValue().startsWith("user-model"));
		assertThat(limiter.snapshots()).extracting(LimiterSnapshot::model)
			.containsExactlyInAnyOrder("gpt-4o", ModelKeys.OTHER);
		assertThat(held.peakByKey(ModelKeys.OTHER)).isEqualTo(8);
		assertThat(held.keys()).containsExactlyInAnyOrder("gpt-4o", ModelKeys.OTHER);
		assertThat(limiter.snapshot(ModelKeys.OTHER).inFlight()).isZero();
		assertThat(this.traffic.traffic()).containsOnlyKeys("gpt-4o", ModelKeys.OTHER);
		assertThat(this.meters.find("gen_ai.client.operation")
			.tag("gen_ai.request.model", ModelKeys.OTHER)
			.timer()
			.count()).isEqualTo(NAMES + 1);
	}

	@Test
	void withoutConfiguredModelsTheFirstNamesKeepTheirOwnStateAndTheRestShareOther() {
		this.mock.anyModel().respond(MockResponse.ok());
		AdaptiveConcurrencyLimiter limiter = AdaptiveConcurrencyLimiter.builder().build();
		CometTemplate comet = template(limiter);
		Flux.range(0, 2 * ModelKeys.DEFAULT_MAX_ADMITTED)
			.concatMap((i) -> comet.chat("name-" + i, "hi"))
			.then()
			.block(Duration.ofSeconds(60));
		assertThat(limiter.snapshots()).hasSize(ModelKeys.DEFAULT_MAX_ADMITTED + 1);
		assertThat(limiter.snapshots()).extracting(LimiterSnapshot::model).contains("name-0", ModelKeys.OTHER);
		assertThat(this.meters.find("gen_ai.client.operation").timers()).hasSize(ModelKeys.DEFAULT_MAX_ADMITTED + 1);
	}

	@Test
	void unknownModelsThatFailDoNotPutOtherUnknownModelsIntoCooldown() {
		this.mock.anyModel().respond(MockResponse.modelNotFound());
		this.mock.model("gpt-4o").respond(MockResponse.ok());
		CometTemplate comet = template(CometLimiter.unlimited(), "gpt-4o");
		for (int i = 0; i < 20; i++) {
			ChatRequest request = ChatRequest.builder().model("typo-" + i).user("hi").fallbackModels("gpt-4o").build();
			assertThat(comet.chat(request).block(Duration.ofSeconds(10)).callResult().servedModel())
				.isEqualTo("gpt-4o");
		}
		assertThat(this.mock.requestCount("typo-19")).isEqualTo(1);
		assertThat(this.mock.requestCount("gpt-4o")).isEqualTo(20);
		assertThat(comet.getModelState().getCooldown().coolingDown()).isEmpty();
	}

	@Test
	void namesOfEveryRouteAndKnownModelsKeepTheirOwnKeys() {
		CometTemplate comet = CometTemplate.builder()
			.baseUrl(this.mock.baseUrl())
			.models("gpt-4o")
			.route(new CometRoute("cheap", java.util.List.of("gpt-4o-mini"), null, null, null))
			.knownModels(Set.of("claude-sonnet-4-5"))
			.knownModelsMatching("catalog-model"::equals)
			.build();
		this.template = comet;
		ModelKeys keys = comet.getModelState().getModelKeys();
		assertThat(keys.keyOf("gpt-4o")).isEqualTo("gpt-4o");
		assertThat(keys.keyOf("gpt-4o-mini")).isEqualTo("gpt-4o-mini");
		assertThat(keys.keyOf("claude-sonnet-4-5")).isEqualTo("claude-sonnet-4-5");
		assertThat(keys.keyOf("catalog-model")).isEqualTo("catalog-model");
		assertThat(keys.keyOf("anything-else")).isEqualTo(ModelKeys.OTHER);
	}

	/**
	 * Counts the permits held at once per limiter key, on the client's side.
	 */
	private static final class HeldPermits implements CometLimiter {

		private final CometLimiter delegate;

		private final java.util.Map<String, AtomicInteger[]> byKey = new java.util.concurrent.ConcurrentHashMap<>();

		HeldPermits(CometLimiter delegate) {
			this.delegate = delegate;
		}

		@Override
		public Mono<Permit> acquire(String model) {
			AtomicInteger[] counts = this.byKey.computeIfAbsent(model,
					(key) -> new AtomicInteger[] { new AtomicInteger(), new AtomicInteger() });
			return this.delegate.acquire(model).map((permit) -> {
				counts[1].accumulateAndGet(counts[0].incrementAndGet(), Math::max);
				AtomicInteger once = new AtomicInteger();
				return (outcome) -> {
					if (once.getAndIncrement() == 0) {
						counts[0].decrementAndGet();
					}
					permit.release(outcome);
				};
			});
		}

		int peakByKey(String key) {
			return this.byKey.get(key)[1].get();
		}

		Set<String> keys() {
			return this.byKey.keySet();
		}

	}

}
