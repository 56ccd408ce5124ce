package com.cometapi.autoconfigure.observation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

import com.cometapi.autoconfigure.CometApiAutoConfiguration;
import com.cometapi.client.CometTemplate;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link CometApiObservationAutoConfiguration} with Spring Boot's own
 * observation and metrics auto-configuration of the line under test (3.5:
 * spring-boot-actuator-autoconfigure; 4.x: spring-boot-micrometer-observation and
 * -metrics), found by class name so that the same test runs on both lines.
 */
class CometApiObservationBootIntegrationTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(
				boot("org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
						"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"),
				boot("org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
						"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration"),
				boot("org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
						"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"),
				boot("org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
						"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"),
				CometApiAutoConfiguration.class, CometApiObservationAutoConfiguration.class));

	private static Class<?> boot(String boot3, String boot4) {
		String name = ClassUtils.isPresent(boot4, null) ? boot4 : boot3;
		return ClassUtils.resolveClassName(name, null);
	}

	@Test
	void handlersJoinTheApplicationsObservationRegistry() {
		this.runner
			.withPropertyValues("cometapi.base-url=" + mock.baseUrl(), "cometapi.models=gpt-4o",
					"cometapi.retry.initial-backoff=1ms", "cometapi.retry.jitter=none")
			.run((context) -> {
				assertThat(context).hasSingleBean(ObservationRegistry.class)
					.doesNotHaveBean(CometApiObservationAutoConfiguration.CometTimerObservationHandler.class);
				mock.server().model("gpt-4o").enqueue(MockResponse.serverError());
				context.getBean(CometTemplate.class).prompt("hi").block();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("gen_ai.client.operation").tag("cometapi.outcome", "success").timer().count())
					.isEqualTo(1);
				assertThat(registry.get("cometapi.client.attempt").timers()).hasSize(2);
				assertThat(registry.get("cometapi.client.retries").tag("cometapi.reason", "500").counter().count())
					.isEqualTo(1);
				assertThat(registry.get("gen_ai.client.token.usage")
					.tag("gen_ai.token.type", "output")
					.summary()
					.totalAmount()).isEqualTo(7);
				assertThat(registry.get("gen_ai.client.operation.duration").timer().count()).isEqualTo(1);
				assertThat(Meters.names(registry))
					.noneMatch((name) -> name.startsWith("gen_ai.client.operation.cometapi"));
				assertThat(context.getBean(com.cometapi.client.observation.CometTrafficRecorder.class).traffic())
					.containsKey("gpt-4o");
			});
	}

	@Test
	void usesTheSpringBoot3HealthApiWhenTheSpringBoot4OneIsAbsent() {
		this.runner.withPropertyValues("cometapi.base-url=" + mock.baseUrl(), "cometapi.models=gpt-4o")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.health.contributor"))
			.run((context) -> assertThat(context.getBean("cometapiHealthIndicator"))
				.isInstanceOf(CometLegacyHealthIndicator.class));
	}

}
