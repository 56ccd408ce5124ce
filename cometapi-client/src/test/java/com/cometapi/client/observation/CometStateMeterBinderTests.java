package com.cometapi.client.observation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.resilience.CometLimiterMetrics;
import com.cometapi.client.resilience.LimiterSnapshot;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.ModelCooldown;
import com.cometapi.client.resilience.ModelKeys;
import com.cometapi.client.resilience.ModelStateView;
import com.cometapi.client.resilience.RetryBudget;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CometStateMeterBinder}.
 */
class CometStateMeterBinderTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void publishesLimiterStateAndCooldownPerModel() {
		AtomicLong clock = new AtomicLong();
		ModelCooldown cooldown = new ModelCooldown(new CooldownSettings(true, 0.5, 2, 2, Duration.ofSeconds(30)),
				clock::get);
		new CometStateMeterBinder(state(new FixedLimiter(), cooldown), List.of("gpt-4o", "claude-sonnet-4-5"))
			.bindTo(this.registry);
		assertThat(gauge("cometapi.client.cooldown", "gpt-4o")).isZero();
		cooldown.recordFailure("gpt-4o");
		cooldown.recordFailure("gpt-4o");
		assertThat(gauge("cometapi.client.cooldown", "gpt-4o")).isEqualTo(1);
		assertThat(gauge("cometapi.client.cooldown", "claude-sonnet-4-5")).isZero();
		assertThat(gauge("cometapi.client.limiter.in.flight", "gpt-4o")).isEqualTo(3);
		assertThat(gauge("cometapi.client.limiter.queued", "gpt-4o")).isEqualTo(5);
		assertThat(gauge("cometapi.client.limiter.limit", "claude-sonnet-4-5")).isEqualTo(8);
		clock.addAndGet(Duration.ofSeconds(31).toNanos());
		assertThat(gauge("cometapi.client.cooldown", "gpt-4o")).isZero();
	}

	@Test
	void publishesNoLimiterGaugesForALimiterWithoutMetrics() {
		new CometStateMeterBinder(state(CometLimiter.unlimited(), new ModelCooldown(CooldownSettings.DEFAULTS)),
				List.of("gpt-4o"))
			.bindTo(this.registry);
		assertThat(this.registry.getMeters()).singleElement()
			.satisfies((meter) -> assertThat(meter.getId().getName()).isEqualTo("cometapi.client.cooldown"));
	}

	private static ModelStateView state(CometLimiter limiter, ModelCooldown cooldown) {
		RetryBudget budget = RetryBudget.of(0.2, 10, Duration.ofSeconds(10));
		return new ModelStateView() {

			@Override
			public CometLimiter getLimiter() {
				return limiter;
			}

			@Override
			public ModelCooldown getCooldown() {
				return cooldown;
			}

			@Override
			public RetryBudget getRetryBudget() {
				return budget;
			}

			@Override
			public ModelKeys getModelKeys() {
				return ModelKeys.of(List.of());
			}

		};
	}

	private double gauge(String name, String model) {
		return this.registry.get(name).tag("gen_ai.request.model", model).gauge().value();
	}

	static class FixedLimiter implements CometLimiter, CometLimiterMetrics {

		@Override
		public Mono<Permit> acquire(String model) {
			return CometLimiter.unlimited().acquire(model);
		}

		@Override
		public LimiterSnapshot snapshot(String model) {
			return "gpt-4o".equals(model) ? new LimiterSnapshot(model, 3, 5, 3, 3, 0)
					: new LimiterSnapshot(model, 0, 0, 8, 8, 0);
		}

	}

}
