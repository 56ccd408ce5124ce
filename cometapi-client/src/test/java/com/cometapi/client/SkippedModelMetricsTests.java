package com.cometapi.client;

import java.time.Duration;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cometapi.client.observation.CometMeterObservationHandler;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.client.wire.CallResult;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a call which skips a cooling-down model is counted as a fallback in its
 * meters and its {@link CallResult}. Needs Micrometer, so the no-micrometer build leaves
 * it out.
 */
class SkippedModelMetricsTests {

	private static final String PRIMARY = "gpt-4o";

	private static final String SECONDARY = "claude-sonnet-4-5";

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private CometTemplate.Builder builder() {
		return CometTemplate.builder()
			.baseUrl(mock.baseUrl())
			.apiKey("test-key")
			.models(PRIMARY, SECONDARY)
			.retry(new RetrySettings(1, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), Jitter.NONE, true))
			.retryBudget(RetryBudget.unlimited());
	}

	@Test
	void aSkippedModelMakesTheCallAFallback() {
		mock.server().model(PRIMARY).respond(MockResponse.serviceUnavailable());
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new CometMeterObservationHandler(meters))
			.observationHandler(new DefaultMeterObservationHandler(meters));
		CometTemplate template = builder().cooldown(new CooldownSettings(true, 0.5, 1, 1, Duration.ofMinutes(5)))
			.observationRegistry(observations)
			.build();
		template.prompt("Hi").block(Duration.ofSeconds(10));
		ChatCompletion completion = template.prompt("Hi").block(Duration.ofSeconds(10));
		assertThat(completion.callResult().fellBack()).isTrue();
		assertThat(completion.callResult().modelsTriedBefore()).singleElement().satisfies((skipped) -> {
			assertThat(skipped.model()).isEqualTo(PRIMARY);
			assertThat(skipped.skipped()).isTrue();
			assertThat(skipped.attempts()).isZero();
			assertThat(skipped.reason()).isEqualTo("cooldown");
		});
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(1);
		assertThat(meters.find("cometapi.client.fallbacks").tag("cometapi.reason", "COOLDOWN").counter().count())
			.isEqualTo(1);
		assertThat(meters.find("gen_ai.client.operation").tag("cometapi.outcome", "fallback_success").timer().count())
			.isEqualTo(2);
	}

}
