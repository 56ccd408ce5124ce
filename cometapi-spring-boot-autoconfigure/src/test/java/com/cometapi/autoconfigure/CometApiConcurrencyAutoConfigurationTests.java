package com.cometapi.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.resilience.AdaptiveConcurrencyLimiter;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.resilience.ConcurrencySettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CometApiConcurrencyAutoConfiguration}.
 */
class CometApiConcurrencyAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CometApiConcurrencyAutoConfiguration.class, CometApiAutoConfiguration.class))
		.withPropertyValues("cometapi.api-key=test-key");

	@Test
	void createsAnAdaptiveLimiterWithTheDefaultsThatTheTemplateWaitsOn() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(AdaptiveConcurrencyLimiter.class);
			AdaptiveConcurrencyLimiter limiter = context.getBean(AdaptiveConcurrencyLimiter.class);
			assertThat(limiter.getSettings()).isEqualTo(ConcurrencySettings.DEFAULTS);
			assertThat(context.getBean(CometTemplate.class).getModelState().getLimiter()).isSameAs(limiter);
		});
	}

	@Test
	void bindsLimitsAndPerModelOverrides() {
		this.contextRunner
			.withPropertyValues("cometapi.concurrency.max-in-flight=8", "cometapi.concurrency.max-queued=50",
					"cometapi.concurrency.queue-timeout=2s", "cometapi.concurrency.adaptive=false",
					"cometapi.concurrency.requests-per-second=20", "cometapi.concurrency.models.gpt-4o.max-in-flight=3",
					"cometapi.concurrency.models.gpt-4o.requests-per-second=5")
			.run((context) -> {
				AdaptiveConcurrencyLimiter limiter = context.getBean(AdaptiveConcurrencyLimiter.class);
				assertThat(limiter.getSettings())
					.isEqualTo(new ConcurrencySettings(8, 50, Duration.ofSeconds(2), false, 1, 20));
				assertThat(limiter.settingsOf("gpt-4o"))
					.isEqualTo(new ConcurrencySettings(3, 50, Duration.ofSeconds(2), false, 1, 5));
			});
	}

	@Test
	void createsNoLimiterWhenDisabled() {
		this.contextRunner.withPropertyValues("cometapi.concurrency.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(CometLimiter.class);
			assertThat(context.getBean(CometTemplate.class).getModelState().getLimiter())
				.isSameAs(CometLimiter.unlimited());
		});
	}

	@Test
	void backsOffToTheApplicationsLimiter() {
		this.contextRunner.withUserConfiguration(UserLimiterConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(CometLimiter.class).doesNotHaveBean(AdaptiveConcurrencyLimiter.class);
			assertThat(context.getBean(CometTemplate.class).getModelState().getLimiter())
				.isSameAs(context.getBean("userLimiter"));
		});
	}

	@Test
	void failsOnAMaxInFlightBelowOneNamingTheProperty() {
		this.contextRunner.withPropertyValues("cometapi.concurrency.max-in-flight=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cometapi.concurrency.max-in-flight"));
	}

	@Test
	void failsOnANonPositiveModelRateNamingTheProperty() {
		this.contextRunner.withPropertyValues("cometapi.concurrency.models.gpt-4o.requests-per-second=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cometapi.concurrency.models.gpt-4o.requests-per-second"));
	}

	@Test
	void failsOnAMinInFlightAboveMaxInFlight() {
		this.contextRunner
			.withPropertyValues("cometapi.concurrency.max-in-flight=4", "cometapi.concurrency.min-in-flight=5")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cometapi.concurrency.min-in-flight"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserLimiterConfiguration {

		@Bean
		CometLimiter userLimiter() {
			return (model) -> CometLimiter.unlimited().acquire(model);
		}

	}

}
