package com.cometapi.client.observation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.error.CometApiException;
import com.cometapi.client.observation.CometHealthEvaluator.Report;
import com.cometapi.client.observation.CometHealthEvaluator.Status;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.resilience.CometLimiterMetrics;
import com.cometapi.client.resilience.LimiterSnapshot;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CometHealthEvaluator} judging scripted traffic against the mock.
 */
class CometHealthEvaluatorTests {

	private static final RetrySettings ONE_ATTEMPT = new RetrySettings(1, Duration.ZERO, 1.0, Duration.ZERO,
			Jitter.NONE, false);

	@RegisterExtension
	final CometApiMockServerExtension mockExtension = new CometApiMockServerExtension();

	private final CometApiMockServer server = this.mockExtension.server();

	private final CometTrafficRecorder recorder = new CometTrafficRecorder(10);

	private final ObservationRegistry registry = ObservationRegistry.create();

	private CometTemplate template;

	@BeforeEach
	void start() {
		this.registry.observationConfig().observationHandler(this.recorder);
	}

	@AfterEach
	void stop() {
		if (this.template != null) {
			this.template.close();
		}
	}

	private CometHealthEvaluator evaluator(CooldownSettings cooldown, CometLimiter limiter, String... models) {
		this.template = CometTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.apiKey("test-key")
			.models(models)
			.retry(ONE_ATTEMPT)
			.cooldown(cooldown)
			.limiter(limiter)
			.observationRegistry(this.registry)
			.build();
		return new CometHealthEvaluator(this.template.getModelState(), this.recorder, Set.of(models),
				new CometHealthEvaluator.Settings(3, 0.5, Duration.ofMinutes(5)));
	}

	private void calls(int count) {
		for (int i = 0; i < count; i++) {
			try {
				this.template.prompt("call " + i).block();
			}
			catch (CometApiException ex) {
				// judged by the evaluator
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> model(Report report, String model) {
		return (Map<String, Object>) ((Map<String, Object>) report.details().get("models")).get(model);
	}

	@Test
	void isUpBeforeAnyTrafficWithModelsIdle() {
		Report report = evaluator(CooldownSettings.DISABLED, CometLimiter.unlimited(), "gpt-4o").evaluate();
		assertThat(report.status()).isEqualTo(Status.UP);
		assertThat(model(report, "gpt-4o")).containsEntry("state", "IDLE");
		assertThat(this.server.requestCount()).isZero();
	}

	@Test
	void isUpWhenModelsAnswer() {
		CometHealthEvaluator evaluator = evaluator(CooldownSettings.DISABLED, CometLimiter.unlimited(), "gpt-4o");
		calls(4);
		Report report = evaluator.evaluate();
		assertThat(report.status()).isEqualTo(Status.UP);
		assertThat(model(report, "gpt-4o")).containsEntry("state", "UP")
			.containsEntry("attempts", 4)
			.containsEntry("failures", 0)
			.containsEntry("lastStatus", "200");
		assertThat(this.server.requestCount("gpt-4o")).isEqualTo(4);
	}

	@Test
	void isDegradedWhenPrimaryFailsAndFallbackServes() {
		CometHealthEvaluator evaluator = evaluator(CooldownSettings.DISABLED, CometLimiter.unlimited(), "gpt-4o",
				"claude-sonnet-4-5");
		this.server.model("gpt-4o").respond(MockResponse.noAvailableChannel());
		calls(4);
		Report report = evaluator.evaluate();
		assertThat(report.status()).isEqualTo(Status.DEGRADED);
		assertThat(model(report, "gpt-4o")).containsEntry("state", "FAILING")
			.containsEntry("failures", 4)
			.containsEntry("lastStatus", "503");
		assertThat(model(report, "claude-sonnet-4-5")).containsEntry("state", "UP");
		assertThat(this.server.requestCount("claude-sonnet-4-5")).isEqualTo(4);
	}

	@Test
	void isDownWhenEveryModelWithTrafficFails() {
		CometHealthEvaluator evaluator = evaluator(CooldownSettings.DISABLED, CometLimiter.unlimited(), "gpt-4o",
				"claude-sonnet-4-5");
		this.server.anyModel().respond(MockResponse.serviceUnavailable());
		calls(3);
		Report report = evaluator.evaluate();
		assertThat(report.status()).isEqualTo(Status.DOWN);
		assertThat(report.details()).containsKey("reason");
		assertThat(model(report, "gpt-4o")).containsEntry("state", "FAILING");
		assertThat(model(report, "claude-sonnet-4-5")).containsEntry("state", "FAILING");
	}

	@Test
	void isDownAfterAuthenticationFailureUntilAnAnswer() {
		CometHealthEvaluator evaluator = evaluator(CooldownSettings.DISABLED, CometLimiter.unlimited(), "gpt-4o");
		this.server.model("gpt-4o").enqueue(MockResponse.unauthorized());
		assertThatExceptionOfType(CometApiException.class).isThrownBy(() -> this.template.prompt("hi").block());
		Report down = evaluator.evaluate();
		assertThat(down.status()).isEqualTo(Status.DOWN);
		assertThat(down.details().get("reason")).asString().contains("401").doesNotContain("test-key");
		calls(1);
		assertThat(evaluator.evaluate().status()).isEqualTo(Status.UP);
	}

	@Test
	void endUserModelsRefusedWithForbiddenOrUnauthorizedLeaveHealthUp() {
		CometHealthEvaluator evaluator = evaluator(CooldownSettings.DISABLED, CometLimiter.unlimited(), "gpt-4o");
		this.server.model("users-pick").respond(MockResponse.forbidden());
		this.server.model("another-pick").respond(MockResponse.unauthorized());
		this.server.model("third-pick")
			.respond(MockResponse.json(403,
					"{\"error\":{\"message\":\"Invalid token\",\"type\":\"comet_api_error\",\"code\":\"\"}}"));
		for (String model : List.of("users-pick", "another-pick", "third-pick")) {
			assertThatExceptionOfType(CometApiException.class)
				.isThrownBy(() -> this.template.chat(model, "hi").block());
		}
		Report report = evaluator.evaluate();
		assertThat(report.status()).isEqualTo(Status.UP);
		assertThat(report.details()).doesNotContainKey("reason");
		assertThat(model(report, "users-pick")).isNull();
		assertThat(model(report, "other")).isNull();
		assertThat(model(report, "gpt-4o")).containsEntry("state", "IDLE");
		assertThat(this.server.requestCount()).isEqualTo(3);
	}

	@Test
	void forbiddenThatIsNotAboutTheKeyIsNoKeyFailure() {
		CometHealthEvaluator evaluator = evaluator(CooldownSettings.DISABLED, CometLimiter.unlimited(), "gpt-4o");
		this.server.model("gpt-4o").enqueue(MockResponse.modelNotAllowed()).enqueue(MockResponse.forbidden());
		assertThatExceptionOfType(CometApiException.class).isThrownBy(() -> this.template.prompt("hi").block());
		assertThatExceptionOfType(CometApiException.class).isThrownBy(() -> this.template.prompt("hi").block());
		Report report = evaluator.evaluate();
		assertThat(report.status()).isEqualTo(Status.UP);
		assertThat(report.details()).doesNotContainKey("reason");
		assertThat(this.server.requestCount("gpt-4o")).isEqualTo(2);
	}

	@Test
	void forbiddenSayingTheKeyIsInvalidOnAConfiguredModelIsAKeyFailure() {
		CometHealthEvaluator evaluator = evaluator(CooldownSettings.DISABLED, CometLimiter.unlimited(), "gpt-4o");
		this.server.model("gpt-4o")
			.enqueue(MockResponse.json(403,
					"{\"error\":{\"message\":\"Invalid token\",\"type\":\"comet_api_error\",\"code\":\"\"}}"));
		assertThatExceptionOfType(CometApiException.class).isThrownBy(() -> this.template.prompt("hi").block());
		Report down = evaluator.evaluate();
		assertThat(down.status()).isEqualTo(Status.DOWN);
		assertThat(down.details().get("reason")).asString().contains("403");
	}

	@Test
	void isDegradedWhileAModelCoolsDown() {
		CometHealthEvaluator evaluator = evaluator(new CooldownSettings(true, 0.5, 4, 2, Duration.ofMinutes(1)),
				CometLimiter.unlimited(), "gpt-4o", "claude-sonnet-4-5");
		this.server.model("gpt-4o").enqueue(MockResponse.noAvailableChannel(), MockResponse.noAvailableChannel());
		calls(4);
		Report report = evaluator.evaluate();
		assertThat(this.template.getModelState().getCooldown().isCoolingDown("gpt-4o")).isTrue();
		assertThat(report.status()).isEqualTo(Status.DEGRADED);
		assertThat(model(report, "gpt-4o")).containsEntry("state", "COOLING_DOWN").containsKey("cooldownRemaining");
		assertThat(this.server.requestCount("gpt-4o")).isEqualTo(2);
	}

	@Test
	void isDegradedWhenTheLimiterIsSaturated() {
		SaturatedLimiter limiter = new SaturatedLimiter();
		CometHealthEvaluator evaluator = evaluator(CooldownSettings.DISABLED, limiter, "gpt-4o");
		calls(3);
		Report report = evaluator.evaluate();
		assertThat(report.status()).isEqualTo(Status.DEGRADED);
		assertThat(model(report, "gpt-4o")).containsEntry("state", "SATURATED")
			.containsEntry("inFlight", 4)
			.containsEntry("queued", 9)
			.containsEntry("limit", 4);
	}

	static class SaturatedLimiter implements CometLimiter, CometLimiterMetrics {

		@Override
		public Mono<Permit> acquire(String model) {
			return CometLimiter.unlimited().acquire(model);
		}

		@Override
		public LimiterSnapshot snapshot(String model) {
			return new LimiterSnapshot(model, 4, 9, 4, 4, 0);
		}

	}

}
