package com.cometapi.autoconfigure.observation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.cometapi.autoconfigure.CometApiAutoConfiguration;
import com.cometapi.autoconfigure.CometApiConcurrencyAutoConfiguration;
import com.cometapi.client.CometTemplate;
import com.cometapi.client.resilience.CometLimiterMetrics;
import com.cometapi.logging.CapturedLogs;
import com.cometapi.logging.LogCaptureExtension;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code cometapi} endpoint under hostile use: endless distinct model names, names
 * built to inject log lines, steering from many threads while calls run, and a
 * distinctive key looked for in every output.
 */
@ExtendWith(LogCaptureExtension.class)
class CometApiEndpointHostileTests {

	private static final String API_KEY = "sk-hostile-endpoint-8c1f2a77e";

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CometApiAutoConfiguration.class, CometApiConcurrencyAutoConfiguration.class,
						CometApiObservationAutoConfiguration.class, CometApiEndpointAutoConfiguration.class))
		.withUserConfiguration(Events.class)
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("cometapi.base-url=" + mock.baseUrl(), "cometapi.api-key=" + API_KEY,
				"cometapi.models=gpt-4o,claude-sonnet-4-5", "cometapi.retry.initial-backoff=1ms",
				"cometapi.retry.jitter=none", "cometapi.catalog.validate=off");

	@Test
	void tenThousandHostileModelNamesGrowNoStateAndAreNeverEchoed(CapturedLogs logs) {
		this.runner.run((context) -> {
			CometTemplate template = context.getBean(CometTemplate.class);
			CometApiEndpoint endpoint = context.getBean(CometApiEndpoint.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			template.prompt("hi").block(Duration.ofSeconds(10));
			int metersBefore = meters.getMeters().size();
			int admittedBefore = template.getModelState().getModelKeys().admittedCount();
			List<String> reasons = new ArrayList<>();
			for (int i = 0; i < 10_000; i++) {
				String name = hostileName(i);
				assertThat(endpoint.model(name)).isNull();
				for (String action : new String[] { "force-cooldown", "end-cooldown", name, null }) {
					assertThatExceptionOfType(InvalidEndpointRequestException.class)
						.isThrownBy(() -> endpoint.updateModel(name, action, "5m"))
						.satisfies((ex) -> reasons.add(ex.getReason() + ex.getMessage()));
				}
			}
			assertThat(reasons).allSatisfy((reason) -> assertThat(reason).doesNotContain("hostile")
				.doesNotContain("\u001b")
				.doesNotContain("\n"));
			assertThat(template.getModelState().getCooldown().coolingDown()).isEmpty();
			assertThat(template.getModelState().getModelKeys().admittedCount()).isEqualTo(admittedBefore);
			assertThat(meters.getMeters()).hasSize(metersBefore);
			assertThat(((Map<?, ?>) endpoint.routes().get("models"))).hasSize(2);
			assertThat(logs.getAll()).doesNotContain("hostile").doesNotContain("\u001b");
		});
	}

	@Test
	void concurrentSteeringWhileCallsRunLeavesPermitsAndCooldownsConsistentAndNoKeyAnywhere(CapturedLogs logs) {
		this.runner.run((context) -> {
			CometTemplate template = context.getBean(CometTemplate.class);
			CometApiEndpoint endpoint = context.getBean(CometApiEndpoint.class);
			CometStateEventPublisher watcher = context.getBean(CometStateEventPublisher.class);
			mock.server().model("gpt-4o").enqueue(MockResponse.unauthorized());
			ExecutorService threads = Executors.newFixedThreadPool(8);
			CountDownLatch start = new CountDownLatch(1);
			List<CompletableFuture<Void>> done = new ArrayList<>();
			List<Throwable> callFailures = new CopyOnWriteArrayList<>();
			try {
				for (int t = 0; t < 4; t++) {
					int thread = t;
					done.add(CompletableFuture.runAsync(() -> {
						await(start);
						for (int i = 0; i < 300; i++) {
							String model = ((thread + i) % 2 == 0) ? "gpt-4o" : "claude-sonnet-4-5";
							if (i % 3 == 0) {
								endpoint.updateModel(model, "force-cooldown", "10m");
							}
							else {
								endpoint.updateModel(model, "end-cooldown", null);
							}
							if (i % 50 == 0) {
								watcher.poll();
							}
						}
					}, threads));
				}
				for (int t = 0; t < 4; t++) {
					done.add(CompletableFuture.runAsync(() -> {
						await(start);
						for (int i = 0; i < 25; i++) {
							try {
								template.prompt("hi").block(Duration.ofSeconds(30));
							}
							catch (RuntimeException ex) {
								callFailures.add(ex);
							}
						}
					}, threads));
				}
				start.countDown();
				CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
			}
			finally {
				threads.shutdownNow();
			}
			endpoint.updateModel("gpt-4o", "end-cooldown", null);
			endpoint.updateModel("claude-sonnet-4-5", "end-cooldown", null);
			watcher.poll();
			assertThat(template.getModelState().getCooldown().coolingDown()).isEmpty();
			CometLimiterMetrics limiter = (CometLimiterMetrics) template.getModelState().getLimiter();
			for (String model : List.of("gpt-4o", "claude-sonnet-4-5")) {
				assertThat(limiter.snapshot(model).inFlight()).as(model).isZero();
				assertThat(limiter.snapshot(model).queued()).as(model).isZero();
				Map<String, Object> state = endpoint.model(model);
				assertThat((Map<String, Object>) state.get("cooldown")).containsEntry("active", false);
			}
			List<CometApiEvent> events = context.getBean(Events.class).events;
			assertThat(events.stream().filter(CometCooldownEndedEvent.class::isInstance).count())
				.isLessThanOrEqualTo(events.stream().filter(CometCooldownStartedEvent.class::isInstance).count());
			StringBuilder everything = new StringBuilder();
			everything.append(new ObjectMapper().writeValueAsString(endpoint.routes()));
			for (String model : List.of("gpt-4o", "claude-sonnet-4-5")) {
				everything.append(new ObjectMapper().writeValueAsString(endpoint.model(model)));
			}
			events.forEach((event) -> everything.append(event).append(event.getSource()));
			callFailures.forEach((ex) -> everything.append(ex).append(ex.getCause()));
			everything.append(logs.getAll());
			assertThat(everything.toString()).doesNotContain(API_KEY).doesNotContain("8c1f2a77e");
		});
	}

	private static String hostileName(int i) {
		return switch (i % 4) {
			case 0 -> "hostile-" + i;
			case 1 -> "\u001b[31mhostile\r\nlevel=ERROR msg=" + i;
			case 2 -> "hostile" + "x".repeat(10_000) + i;
			default -> (i % 8 == 3) ? "" : " hostile\u0000" + i;
		};
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Events {

		final List<CometApiEvent> events = new CopyOnWriteArrayList<>();

		@Bean
		ApplicationListener<CometApiEvent> hostileEventCollector() {
			return this.events::add;
		}

	}

}
