package com.cometapi.autoconfigure;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import com.cometapi.autoconfigure.catalog.CometApiCatalogAutoConfiguration;
import com.cometapi.autoconfigure.observation.CometApiObservationAutoConfiguration;
import com.cometapi.logging.CapturedLogs;
import com.cometapi.logging.LogCaptureExtension;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.error.CometUnknownRouteException;
import com.cometapi.test.CometApiMockServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Start-up checks of {@code cometapi.*}: every numeric property in range, no model listed
 * twice, a base URL without {@code /v1}, loopback only for real loopback addresses, and a
 * word when the key would travel in clear or no model is configured.
 */
@ExtendWith(LogCaptureExtension.class)
class CometApiPropertiesValidationTests {

	private static final String KEY = "sk-validation-secret-4242";

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CometApiAutoConfiguration.class, CometApiConcurrencyAutoConfiguration.class,
						CometApiCatalogAutoConfiguration.class, CometApiObservationAutoConfiguration.class))
		.withPropertyValues("cometapi.catalog.validate=off");

	private ApplicationContextRunner onMock(String... properties) {
		return this.contextRunner.withPropertyValues("cometapi.base-url=" + mock.baseUrl(), "cometapi.models=gpt-4o")
			.withPropertyValues(properties);
	}

	static Stream<Arguments> valuesOutOfRange() {
		return Stream.of(Arguments.of("cometapi.catalog.max-fallback-cost-ratio", "-1"),
				Arguments.of("cometapi.catalog.max-fallback-cost-ratio", "NaN"),
				Arguments.of("cometapi.catalog.refresh-interval", "110000d"),
				Arguments.of("cometapi.catalog.startup-timeout", "0s"), Arguments.of("cometapi.timeout", "110000d"),
				Arguments.of("cometapi.response-timeout", "110000d"), Arguments.of("cometapi.connect-timeout", "30d"),
				Arguments.of("cometapi.max-connections", "0"), Arguments.of("cometapi.retry.max-attempts", "1000000"),
				Arguments.of("cometapi.retry.multiplier", "Infinity"),
				Arguments.of("cometapi.retry.max-backoff", "110000d"),
				Arguments.of("cometapi.retry.connection.max-attempts", "0"),
				Arguments.of("cometapi.retry.connection.initial-backoff", "-1ms"),
				Arguments.of("cometapi.retry.connection.max-backoff", "1ms"),
				Arguments.of("cometapi.retry.budget.ratio", "NaN"), Arguments.of("cometapi.retry.budget.window", "30d"),
				Arguments.of("cometapi.fallback.cooldown.duration", "110000d"),
				Arguments.of("cometapi.fallback.cooldown.window-size", "2000000000"),
				Arguments.of("cometapi.concurrency.queue-timeout", "110000d"),
				Arguments.of("cometapi.concurrency.requests-per-second", "Infinity"),
				Arguments.of("cometapi.concurrency.max-queued", "-1"),
				Arguments.of("cometapi.stream.idle-timeout", "30d"),
				Arguments.of("cometapi.stream.first-chunk-timeout", "-1s"),
				Arguments.of("cometapi.routes.fast.retry.max-backoff", "110000d"),
				Arguments.of("cometapi.routes.fast.timeout", "110000d"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@MethodSource("valuesOutOfRange")
	void failsStartUpNamingAValueOutOfRange(String property, String value) {
		onMock("cometapi.routes.fast.models=gpt-4o-mini", property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining(property);
		});
	}

	@Test
	void startsWithTheLargestValuesInRange() {
		onMock("cometapi.timeout=24d", "cometapi.connect-timeout=24d", "cometapi.retry.max-attempts=100",
				"cometapi.catalog.max-fallback-cost-ratio=0.5")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void failsStartUpOnAModelListedTwice() {
		onMock("cometapi.models=gpt-4o,gpt-4o").run((context) -> assertThat(context.getStartupFailure()).rootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageContaining("cometapi.models")
			.hasMessageContaining("'gpt-4o' more than once"));
		onMock("cometapi.routes.fast.models=gpt-4o-mini,claude-haiku-4-5,gpt-4o-mini")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cometapi.routes.fast.models"));
	}

	@Test
	void dropsATrailingV1FromTheBaseUrlWithOneWarning(CapturedLogs output) {
		this.contextRunner.withPropertyValues("cometapi.base-url=" + mock.baseUrl() + "/v1/", "cometapi.models=gpt-4o")
			.run((context) -> {
				CometTemplate template = context.getBean(CometTemplate.class);
				assertThat(template.getBaseUrl()).isEqualTo(mock.baseUrl());
				template.prompt("Hi").block(Duration.ofSeconds(5));
				assertThat(mock.server().requests().get(0).path()).isEqualTo("/v1/chat/completions");
			});
		assertThat(output.getAll().split("ends with /v1", -1)).hasSize(2);
		assertThat(output).contains("cometapi.base-url ends with /v1");
	}

	@Test
	void dropsEveryTrailingV1FromTheBaseUrl() {
		assertThat(PropertiesCometApiConnectionDetails.checkedBaseUrl("https://x.example/v1/v1"))
			.isEqualTo("https://x.example");
		assertThat(PropertiesCometApiConnectionDetails.checkedBaseUrl("https://x.example/V1/"))
			.isEqualTo("https://x.example");
		assertThat(PropertiesCometApiConnectionDetails.checkedBaseUrl("https://x.example/proxy/v1/"))
			.isEqualTo("https://x.example/proxy");
		assertThat(PropertiesCometApiConnectionDetails.checkedBaseUrl("http://v1")).isEqualTo("http://v1");
		assertThat(PropertiesCometApiConnectionDetails.checkedBaseUrl("http://v1/")).isEqualTo("http://v1");
	}

	@Test
	void rejectsUserInfoInTheBaseUrlWithoutEchoingIt() {
		onMock("cometapi.base-url=" + mock.baseUrl().replace("://", "://user:hunter2@"), "cometapi.models=gpt-4o")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cometapi.base-url")
				.hasMessageContaining("user or password")
				.hasMessageNotContaining("hunter2"));
		onMock("cometapi.base-url=ftp://user:hunter2@example.com", "cometapi.models=gpt-4o")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cometapi.base-url")
				.hasMessageNotContaining("hunter2"));
	}

	@Test
	void treatsOnlyLoopbackLiteralsAndLocalhostAsLoopback() {
		assertThat(PropertiesCometApiConnectionDetails.isLoopback("http://127.0.0.1:8080")).isTrue();
		assertThat(PropertiesCometApiConnectionDetails.isLoopback("http://127.1.2.3")).isTrue();
		assertThat(PropertiesCometApiConnectionDetails.isLoopback("http://localhost:1234")).isTrue();
		assertThat(PropertiesCometApiConnectionDetails.isLoopback("http://[::1]:1234")).isTrue();
		assertThat(PropertiesCometApiConnectionDetails.isLoopback("http://127.evil.example")).isFalse();
		assertThat(PropertiesCometApiConnectionDetails.isLoopback("http://127.0.0.1.evil.example")).isFalse();
		assertThat(PropertiesCometApiConnectionDetails.isLoopback("http://127.0.0.300")).isFalse();
		assertThat(PropertiesCometApiConnectionDetails.isLoopback("http://localhost.evil.example")).isFalse();
		assertThat(PropertiesCometApiConnectionDetails.isLoopback("http://10.0.0.1")).isFalse();
	}

	@Test
	void needsAKeyForAHostThatOnlyLooksLikeLoopback() {
		this.contextRunner.withPropertyValues("cometapi.base-url=http://127.evil.example:8080")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(MissingCometApiKeyException.class));
	}

	@Test
	void warnsWhenTheKeyWouldTravelInClear(CapturedLogs output) {
		this.contextRunner
			.withPropertyValues("cometapi.base-url=http://comet.internal.example:8080", "cometapi.api-key=" + KEY,
					"cometapi.models=gpt-4o")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("cometapi.base-url http://comet.internal.example:8080 is plain http")
			.doesNotContain(KEY);
	}

	@Test
	void doesNotWarnAboutPlainHttpOnLoopback(CapturedLogs output) {
		onMock("cometapi.api-key=" + KEY).run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("plain http");
	}

	@Test
	void warnsWhenNoModelIsConfigured(CapturedLogs output) {
		this.contextRunner.withPropertyValues("cometapi.base-url=" + mock.baseUrl())
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("CometAPI has no model configured");
	}

	@Test
	void doesNotWarnWhenARouteHasModels(CapturedLogs output) {
		this.contextRunner.withPropertyValues("cometapi.base-url=" + mock.baseUrl(), "cometapi.routes.fast.models=a")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("no model configured");
	}

	@Test
	void namesTheConfiguredRoutesForAnUnknownRoute() {
		onMock("cometapi.routes.fast.models=gpt-4o-mini", "cometapi.routes.careful.models=gpt-4o").run((context) -> {
			CometTemplate template = context.getBean(CometTemplate.class);
			assertThatExceptionOfType(CometUnknownRouteException.class).isThrownBy(() -> template.route("typo"))
				.withMessageContaining("'typo'")
				.withMessageContaining("[fast, careful]")
				.satisfies((ex) -> assertThat(ex.getConfiguredRoutes()).containsExactly("fast", "careful"));
		});
	}

}
