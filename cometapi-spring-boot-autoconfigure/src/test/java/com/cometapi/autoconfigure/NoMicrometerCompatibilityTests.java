package com.cometapi.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

import com.cometapi.autoconfigure.catalog.CometApiCatalogAutoConfiguration;
import com.cometapi.client.CometTemplate;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in an application without Micrometer's meters and without Actuator: the
 * auto-configured template starts, is limited, retries and answers. Run by the
 * {@code no-micrometer} Maven profile with those libraries off the classpath, and in the
 * default run with them hidden by a {@link FilteredClassLoader}.
 */
class NoMicrometerCompatibilityTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private static final boolean PROFILE = Boolean.getBoolean("cometapi.test.no-micrometer");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withClassLoader(new FilteredClassLoader("io.micrometer.core", "org.springframework.boot.actuate",
				"org.springframework.boot.micrometer.metrics", "org.springframework.boot.health"))
		.withConfiguration(AutoConfigurations.of(CometApiAutoConfiguration.class,
				CometApiConcurrencyAutoConfiguration.class, CometApiCatalogAutoConfiguration.class))
		.withPropertyValues("cometapi.base-url=" + mock.baseUrl(), "cometapi.api-key=sk-no-micrometer",
				"cometapi.models=gpt-4o", "cometapi.retry.initial-backoff=1ms", "cometapi.retry.max-backoff=2ms");

	@Test
	void micrometerMetersAreAbsentInTheNoMicrometerRun() {
		if (PROFILE) {
			assertThat(ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry", null)).isFalse();
			assertThat(ClassUtils.isPresent("org.springframework.boot.actuate.health.HealthIndicator", null)).isFalse();
		}
		assertThat(ClassUtils.isPresent("io.micrometer.observation.ObservationRegistry", null)).isTrue();
	}

	@Test
	void templateStartsRetriesAndAnswersWithoutMicrometer() {
		mock.server().model("gpt-4o").enqueue(MockResponse.serverError(), MockResponse.ok("still here"));
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(CometTemplate.class).hasSingleBean(CometLimiter.class);
			ChatCompletion answer = context.getBean(CometTemplate.class).prompt("Hi").block(Duration.ofSeconds(10));
			assertThat(answer.content()).isEqualTo("still here");
			assertThat(answer.callResult().attempts()).isEqualTo(2);
		});
		assertThat(mock.server().requestCount("gpt-4o")).isEqualTo(2);
	}

	@Test
	void templateStreamsWithoutMicrometer() {
		this.contextRunner.run((context) -> {
			long chunks = context.getBean(CometTemplate.class)
				.stream(com.cometapi.client.wire.ChatRequest.of("gpt-4o", "Hi"))
				.count()
				.block(Duration.ofSeconds(10));
			assertThat(chunks).isPositive();
		});
	}

}
