package com.cometapi.autoconfigure.observation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.cometapi.autoconfigure.CometApiAutoConfiguration;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up checks of {@code cometapi.observation.health.*}, which exist with Spring
 * Boot's health support.
 */
class CometHealthPropertiesValidationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CometApiAutoConfiguration.class, CometApiObservationAutoConfiguration.class))
		.withPropertyValues("cometapi.catalog.validate=off", "cometapi.base-url=http://127.0.0.1:9",
				"cometapi.models=gpt-4o");

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource({ "cometapi.observation.health.failure-rate-threshold, 5",
			"cometapi.observation.health.failure-rate-threshold, 0", "cometapi.observation.health.minimum-attempts, -3",
			"cometapi.observation.health.minimum-attempts, 21", "cometapi.observation.health.stale-after, -1s",
			"cometapi.observation.health.stale-after, 110000d", "cometapi.observation.health.window-size, 2000000000",
			"cometapi.observation.health.catalog-check-interval, 110000d" })
	void failsStartUpNamingAValueOutOfRange(String property, String value) {
		this.contextRunner.withPropertyValues(property + "=" + value, "cometapi.observation.health.catalog-check=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining(property);
			});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource({ "cometapi.observation.health.failure-rate-threshold, 1",
			"cometapi.observation.health.minimum-attempts, 20", "cometapi.observation.health.stale-after, 24d" })
	void startsWithTheLimitsOfTheRange(String property, String value) {
		this.contextRunner.withPropertyValues(property + "=" + value)
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
