package com.cometapi.autoconfigure.observation;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.SimpleHttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.cometapi.autoconfigure.CometApiAutoConfiguration;
import com.cometapi.client.CometTemplate;
import com.cometapi.client.error.CometAuthenticationException;
import com.cometapi.client.observation.CometHealthEvaluator;
import com.cometapi.client.observation.CometTrafficRecorder;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CometHealthIndicator} (Spring Boot 4) and
 * {@link CometLegacyHealthIndicator} (Spring Boot 3), whose APIs are both on the test
 * class path.
 */
class CometHealthIndicatorTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CometApiAutoConfiguration.class, CometApiObservationAutoConfiguration.class))
		.withPropertyValues("cometapi.base-url=" + mock.baseUrl(), "cometapi.api-key=sk-health-secret-777",
				"cometapi.models=gpt-4o");

	@Test
	void refusedKeyDegradesTheComponentButNeverTheAggregateByDefault() {
		this.runner.run((context) -> {
			mock.server().model("gpt-4o").respond(MockResponse.unauthorized());
			assertThatExceptionOfType(CometAuthenticationException.class)
				.isThrownBy(() -> context.getBean(CometTemplate.class).prompt("hi").block());
			CometHealthIndicator indicator = context.getBean(CometHealthIndicator.class);
			Status status = indicator.health().getStatus();
			assertThat(status.getCode()).isEqualTo("DEGRADED");
			assertThat(indicator.health().getDetails()).containsEntry("reason", "CometAPI refused the API key (401)");
			Status aggregate = new SimpleStatusAggregator().getAggregateStatus(Set.of(Status.UP, status));
			assertThat(aggregate).isEqualTo(Status.UP);
			assertThat(new SimpleHttpCodeStatusMapper().getStatusCode(aggregate)).isEqualTo(200);
			assertThat(new CometLegacyHealthIndicator(context.getBean(CometHealthEvaluator.class)).health()
				.getStatus()
				.getCode()).isEqualTo("DEGRADED");
			assertThat(indicator.health().toString()).doesNotContain("sk-health-secret-777");
		});
	}

	@Test
	void refusedKeyTakesTheAggregateDownWhenTheOperatorOptsIn() {
		this.runner.withPropertyValues("cometapi.observation.health.affects-aggregate=true").run((context) -> {
			mock.server().model("gpt-4o").respond(MockResponse.unauthorized());
			assertThatExceptionOfType(CometAuthenticationException.class)
				.isThrownBy(() -> context.getBean(CometTemplate.class).prompt("hi").block());
			Status status = context.getBean(CometHealthIndicator.class).health().getStatus();
			assertThat(status).isEqualTo(Status.DOWN);
			Status aggregate = new SimpleStatusAggregator().getAggregateStatus(Set.of(Status.UP, status));
			assertThat(new SimpleHttpCodeStatusMapper().getStatusCode(aggregate)).isEqualTo(503);
			assertThat(new CometLegacyHealthIndicator(context.getBean(CometHealthEvaluator.class), true).health()
				.getStatus()
				.getCode()).isEqualTo("DOWN");
		});
	}

	@Test
	void reportsStatusAndDetailsOnBothApis() {
		try (CometTemplate template = CometTemplate.builder().baseUrl(mock.baseUrl()).models("gpt-4o").build()) {
			Set<String> models = Set.of("gpt-4o");
			CometHealthEvaluator up = new CometHealthEvaluator(template.getModelState(), new CometTrafficRecorder(5),
					models, CometHealthEvaluator.Settings.DEFAULTS);
			assertThat(new CometHealthIndicator(up).health().getStatus().getCode()).isEqualTo("UP");
			assertThat(new CometLegacyHealthIndicator(up).health().getStatus().getCode()).isEqualTo("UP");
			assertThat(new CometHealthIndicator(up).health().getDetails()).containsKey("models");
			CometHealthEvaluator degraded = new CometHealthEvaluator(template.getModelState(),
					new CometTrafficRecorder(5), models, CometHealthEvaluator.Settings.DEFAULTS) {
				@Override
				public Report evaluate() {
					return new Report(Status.DEGRADED, java.util.Map.of());
				}
			};
			assertThat(new CometHealthIndicator(degraded).health().getStatus().getCode()).isEqualTo("DEGRADED");
			assertThat(new CometLegacyHealthIndicator(degraded).health().getStatus().getCode()).isEqualTo("DEGRADED");
			CometHealthEvaluator down = new CometHealthEvaluator(template.getModelState(), new CometTrafficRecorder(5),
					models, CometHealthEvaluator.Settings.DEFAULTS) {
				@Override
				public Report evaluate() {
					return new Report(Status.DOWN, java.util.Map.of("reason", "test"));
				}
			};
			assertThat(new CometHealthIndicator(down).health().getStatus().getCode()).isEqualTo("DEGRADED");
			assertThat(new CometHealthIndicator(down, true).health().getStatus().getCode()).isEqualTo("DOWN");
			assertThat(new CometLegacyHealthIndicator(down).health().getDetails()).containsEntry("reason", "test");
			assertThat(mock.server().requestCount()).isZero();
		}
	}

}
