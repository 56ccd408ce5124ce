package com.cometapi.autoconfigure;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.observation.CometHealthEvaluator;
import com.cometapi.client.observation.CometTrafficRecorder;
import com.cometapi.test.CometApiMockServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CometHealthIndicator} (Spring Boot 4) and
 * {@link CometLegacyHealthIndicator} (Spring Boot 3), whose APIs are both on the test
 * class path.
 */
class CometHealthIndicatorTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	@Test
	void reportsStatusAndDetailsOnBothApis() {
		try (CometTemplate template = CometTemplate.builder().baseUrl(mock.baseUrl()).models("gpt-4o").build()) {
			Set<String> models = Set.of("gpt-4o");
			CometHealthEvaluator up = new CometHealthEvaluator(template.getExecutor(), new CometTrafficRecorder(5),
					models, CometHealthEvaluator.Settings.DEFAULTS);
			assertThat(new CometHealthIndicator(up).health().getStatus().getCode()).isEqualTo("UP");
			assertThat(new CometLegacyHealthIndicator(up).health().getStatus().getCode()).isEqualTo("UP");
			assertThat(new CometHealthIndicator(up).health().getDetails()).containsKey("models");
			CometHealthEvaluator degraded = new CometHealthEvaluator(template.getExecutor(),
					new CometTrafficRecorder(5), models, CometHealthEvaluator.Settings.DEFAULTS) {
				@Override
				public Report evaluate() {
					return new Report(Status.DEGRADED, java.util.Map.of());
				}
			};
			assertThat(new CometHealthIndicator(degraded).health().getStatus().getCode()).isEqualTo("DEGRADED");
			assertThat(new CometLegacyHealthIndicator(degraded).health().getStatus().getCode()).isEqualTo("DEGRADED");
			CometHealthEvaluator down = new CometHealthEvaluator(template.getExecutor(), new CometTrafficRecorder(5),
					models, CometHealthEvaluator.Settings.DEFAULTS) {
				@Override
				public Report evaluate() {
					return new Report(Status.DOWN, java.util.Map.of("reason", "test"));
				}
			};
			assertThat(new CometHealthIndicator(down).health().getStatus().getCode()).isEqualTo("DOWN");
			assertThat(new CometLegacyHealthIndicator(down).health().getDetails()).containsEntry("reason", "test");
			assertThat(mock.server().requestCount()).isZero();
		}
	}

}
