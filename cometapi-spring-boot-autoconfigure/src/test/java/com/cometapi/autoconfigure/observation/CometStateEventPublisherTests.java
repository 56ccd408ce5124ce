package com.cometapi.autoconfigure.observation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.resilience.CometLimiterMetrics;
import com.cometapi.client.resilience.LimiterSnapshot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CometStateEventPublisher}.
 */
class CometStateEventPublisherTests {

	private final AtomicInteger limit = new AtomicInteger(10);

	private final List<Object> events = new CopyOnWriteArrayList<>();

	@Test
	void publishesLimitChangesAndCooldownsOfConfiguredModelsOnce() {
		try (CometTemplate template = CometTemplate.builder()
			.baseUrl("http://127.0.0.1:1")
			.models("gpt-4o")
			.limiter(new SettableLimiter())
			.build()) {
			CometStateEventPublisher publisher = new CometStateEventPublisher(template, this.events::add,
					List.of("gpt-4o"), Duration.ofSeconds(1), Schedulers.immediate());
			publisher.poll();
			assertThat(this.events).isEmpty();
			this.limit.set(5);
			publisher.poll();
			publisher.poll();
			assertThat(this.events).singleElement().isInstanceOfSatisfying(CometLimitChangedEvent.class, (event) -> {
				assertThat(event.getModel()).isEqualTo("gpt-4o");
				assertThat(event.getPrevious().limit()).isEqualTo(10);
				assertThat(event.getCurrent().limit()).isEqualTo(5);
				assertThat(event.getTemplate()).isSameAs(template);
			});
			template.getModelState().getCooldown().forceCooldown("not-configured", Duration.ofMinutes(1));
			template.getModelState().getCooldown().forceCooldown("gpt-4o", Duration.ofMinutes(1));
			publisher.poll();
			template.getModelState().getCooldown().endCooldown("gpt-4o");
			publisher.poll();
			publisher.poll();
			assertThat(this.events).hasSize(3);
			assertThat(this.events.get(1)).isInstanceOfSatisfying(CometCooldownStartedEvent.class,
					(event) -> assertThat(event.getRemaining()).isPositive()
						.isLessThanOrEqualTo(Duration.ofMinutes(1)));
			assertThat(this.events.get(2)).isInstanceOf(CometCooldownEndedEvent.class);
		}
	}

	private final class SettableLimiter implements CometLimiter, CometLimiterMetrics {

		@Override
		public Mono<Permit> acquire(String model) {
			return Mono.just((outcome) -> {
			});
		}

		@Override
		public LimiterSnapshot snapshot(String model) {
			return new LimiterSnapshot(model, 0, 0, CometStateEventPublisherTests.this.limit.get(), 10, 0);
		}

	}

}
