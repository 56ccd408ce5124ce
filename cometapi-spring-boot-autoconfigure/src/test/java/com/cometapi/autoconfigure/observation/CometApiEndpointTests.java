package com.cometapi.autoconfigure.observation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import com.cometapi.autoconfigure.CometApiAutoConfiguration;
import com.cometapi.autoconfigure.CometApiConcurrencyAutoConfiguration;
import com.cometapi.client.CometTemplate;
import com.cometapi.client.catalog.CatalogResponse;
import com.cometapi.client.catalog.ModelCatalog;
import com.cometapi.client.resilience.ModelCooldown;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CometApiEndpoint} and the application events.
 */
class CometApiEndpointTests {

	private static final String API_KEY = "sk-endpoint-secret-31337";

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CometApiAutoConfiguration.class, CometApiConcurrencyAutoConfiguration.class,
						CometApiObservationAutoConfiguration.class, CometApiEndpointAutoConfiguration.class))
		.withUserConfiguration(EventCollector.class)
		.withPropertyValues("cometapi.base-url=" + mock.baseUrl(), "cometapi.api-key=" + API_KEY,
				"cometapi.models=gpt-4o,claude-sonnet-4-5", "cometapi.routes.cheap.models=gpt-4o-mini,gpt-4o",
				"cometapi.retry.initial-backoff=1ms", "cometapi.retry.jitter=none", "cometapi.catalog.validate=off");

	@Test
	void readsRoutesModelsLimiterCooldownAndRecentTrafficWithoutSecrets() {
		this.runner.run((context) -> {
			mock.server().model("gpt-4o").enqueue(MockResponse.serverError());
			context.getBean(CometTemplate.class).prompt("a secret prompt").block(Duration.ofSeconds(10));
			CometApiEndpoint endpoint = context.getBean(CometApiEndpoint.class);
			Map<String, Object> all = endpoint.routes();
			assertThat(all).containsKeys("routes", "models", "catalog");
			assertThat((Map<String, Object>) all.get("routes"))
				.containsEntry("default", List.of("gpt-4o", "claude-sonnet-4-5"))
				.containsEntry("cheap", List.of("gpt-4o-mini", "gpt-4o"));
			assertThat((Map<String, Object>) all.get("models")).containsOnlyKeys("gpt-4o", "claude-sonnet-4-5",
					"gpt-4o-mini");
			Map<String, Object> gpt = endpoint.model("gpt-4o");
			assertThat((Map<String, Object>) gpt.get("recent")).containsEntry("attempts", 2)
				.containsEntry("failures", 1)
				.containsEntry("failureRate", 0.5)
				.containsEntry("lastStatus", "200")
				.containsKey("lastRequestId");
			assertThat((Map<String, Object>) gpt.get("limiter")).containsKeys("inFlight", "limit", "queued",
					"requestsPerSecond");
			assertThat((Map<String, Object>) gpt.get("cooldown")).containsEntry("active", false);
			String json = new ObjectMapper().writeValueAsString(all) + new ObjectMapper().writeValueAsString(gpt);
			assertThat(json).doesNotContain(API_KEY)
				.doesNotContain("sk-")
				.doesNotContain("a secret prompt")
				.doesNotContain(mock.baseUrl());
			assertThat(endpoint.model("not-configured")).isNull();
		});
	}

	@Test
	void forcesAndEndsACooldownAndPublishesEvents() {
		this.runner.run((context) -> {
			CometTemplate template = context.getBean(CometTemplate.class);
			CometApiEndpoint endpoint = context.getBean(CometApiEndpoint.class);
			CometStateEventPublisher watcher = context.getBean(CometStateEventPublisher.class);
			List<CometApiEvent> events = context.getBean(EventCollector.class).cooldowns();
			Map<String, Object> forced = endpoint.updateModel("gpt-4o", "force-cooldown", "5m");
			assertThat((Map<String, Object>) forced.get("cooldown")).containsEntry("active", true)
				.containsKey("remaining");
			watcher.poll();
			events = context.getBean(EventCollector.class).cooldowns();
			assertThat(events).singleElement()
				.isInstanceOfSatisfying(CometCooldownStartedEvent.class,
						(event) -> assertThat(event.getModel()).isEqualTo("gpt-4o"));
			template.prompt("hi").block(Duration.ofSeconds(10));
			assertThat(mock.server().requestCount("gpt-4o")).isZero();
			assertThat(mock.server().requestCount("claude-sonnet-4-5")).isEqualTo(1);
			endpoint.updateModel("gpt-4o", "END_COOLDOWN", null);
			watcher.poll();
			events = context.getBean(EventCollector.class).cooldowns();
			assertThat(events).hasSize(2).last().isInstanceOf(CometCooldownEndedEvent.class);
			template.prompt("hi").block(Duration.ofSeconds(10));
			assertThat(mock.server().requestCount("gpt-4o")).isEqualTo(1);
			watcher.poll();
			assertThat(context.getBean(EventCollector.class).cooldowns()).hasSize(2);
		});
	}

	@Test
	void publishesAFallbackEvent() {
		this.runner.run((context) -> {
			mock.server().model("gpt-4o").enqueue(MockResponse.noAvailableChannel());
			context.getBean(CometTemplate.class).prompt("hi").block(Duration.ofSeconds(10));
			assertThat(context.getBean(EventCollector.class).events)
				.filteredOn(CometFallbackApplicationEvent.class::isInstance)
				.singleElement()
				.isInstanceOfSatisfying(CometFallbackApplicationEvent.class, (event) -> {
					assertThat(event.getModel()).isEqualTo("gpt-4o");
					assertThat(event.getTo()).isEqualTo("claude-sonnet-4-5");
					assertThat(event.getReason()).isEqualTo("503");
					assertThat(event.getTemplate()).isSameAs(context.getBean(CometTemplate.class));
				});
		});
	}

	@Test
	void rejectsUnknownModelsActionsAndBadDurationsWithoutEchoingThem() {
		this.runner.run((context) -> {
			CometApiEndpoint endpoint = context.getBean(CometApiEndpoint.class);
			String hostile = "<script>" + "x".repeat(10_000) + "\u0000\r\nX-Injected: 1";
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.updateModel(hostile, "force-cooldown", "5m"))
				.satisfies((ex) -> assertThat(ex.getReason()).doesNotContain("script").doesNotContain("Injected"));
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.updateModel("gpt-4o", hostile, "5m"))
				.satisfies((ex) -> assertThat(ex.getReason()).doesNotContain("script"));
			for (String duration : new String[] { null, "", "  ", "-5m", "0s", "2d", "P365000D", "abc",
					"9223372036854775807d", hostile }) {
				assertThatExceptionOfType(InvalidEndpointRequestException.class)
					.as("duration %s", (duration != null && duration.length() > 20) ? "hostile" : duration)
					.isThrownBy(() -> endpoint.updateModel("gpt-4o", "force-cooldown", duration))
					.satisfies((ex) -> assertThat(ex.getReason()).doesNotContain("script"));
			}
			assertThat(context.getBean(CometTemplate.class).getModelState().getCooldown().coolingDown()).isEmpty();
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.update("drop-tables"));
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.update("refresh-catalog"))
				.satisfies((ex) -> assertThat(ex.getReason()).contains("cometapi.catalog.enabled"));
		});
	}

	@Test
	void refreshesTheCatalogInTheBackgroundOneReadAtATime() {
		Sinks.One<CatalogResponse> answer = Sinks.one();
		ModelCatalog catalog = new ModelCatalog(answer::asMono, Duration.ofHours(1), Schedulers.parallel());
		this.runner.withBean(ModelCatalog.class, () -> catalog).run((context) -> {
			CometApiEndpoint endpoint = context.getBean(CometApiEndpoint.class);
			assertThat(endpoint.update("refresh-catalog")).containsEntry("refreshStarted", true);
			assertThat(endpoint.update("refresh-catalog")).containsEntry("refreshStarted", false);
			answer.tryEmitValue(context.getBean(CometTemplate.class).catalog().block(Duration.ofSeconds(10)));
			Map<String, Object> state = (Map<String, Object>) endpoint.routes().get("catalog");
			assertThat(state).containsEntry("enabled", true).containsEntry("refreshing", false).containsKey("readAt");
			assertThat((Long) state.get("ageSeconds")).isBetween(0L, 3600L);
		});
	}

	@Test
	void forcedCooldownIsBoundedInTheCore() {
		ModelCooldown cooldown = new ModelCooldown(com.cometapi.client.resilience.CooldownSettings.DEFAULTS);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> cooldown.forceCooldown("gpt-4o", Duration.ofDays(365 * 300)));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> cooldown.forceCooldown("gpt-4o", Duration.ZERO));
		assertThat(cooldown.endCooldown("gpt-4o")).isFalse();
		cooldown.forceCooldown("gpt-4o", Duration.ofMinutes(1));
		assertThat(cooldown.isCoolingDown("gpt-4o")).isTrue();
		assertThat(cooldown.endCooldown("gpt-4o")).isTrue();
		assertThat(cooldown.isCoolingDown("gpt-4o")).isFalse();
	}

	@Test
	void backsOffWithoutActuator() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.endpoint"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CometApiEndpoint.class));
	}

	@Test
	void rejectsATooShortPollInterval() {
		this.runner.withPropertyValues("cometapi.observation.events.poll-interval=1ns")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("cometapi.observation.events.poll-interval"));
	}

	@Configuration(proxyBeanMethods = false)
	static class EventCollector {

		final List<CometApiEvent> events = new CopyOnWriteArrayList<>();

		@Bean
		ApplicationListener<CometApiEvent> cometEventCollector() {
			return this.events::add;
		}

		List<CometApiEvent> cooldowns() {
			return this.events.stream()
				.filter((event) -> event instanceof CometCooldownStartedEvent
						|| event instanceof CometCooldownEndedEvent)
				.toList();
		}

	}

}
