package com.cometapi.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.resilience.AdaptiveConcurrencyLimiter;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one test teaches the template of a cached Spring test context (cooldowns, adapted
 * limits, the retry budget's counts) is forgotten before the next test method.
 */
@SpringBootTest(classes = CometTemplateStateResetTests.Application.class,
		properties = { "cometapi.models=gpt-4o,claude-sonnet-4-5", "cometapi.catalog.validate=off",
				"cometapi.retry.max-attempts=2", "cometapi.retry.initial-backoff=1ms", "cometapi.retry.max-backoff=1ms",
				"cometapi.retry.respect-retry-after=false", "cometapi.retry.budget.ratio=0",
				"cometapi.retry.budget.min-retries-per-second=1", "cometapi.fallback.cooldown.minimum-calls=2",
				"cometapi.fallback.cooldown.window-size=2", "cometapi.fallback.cooldown.duration=1h" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CometTemplateStateResetTests {

	private static final String PRIMARY = "gpt-4o";

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	@DynamicPropertySource
	static void cometapi(DynamicPropertyRegistry registry) {
		mock.registerProperties(registry);
	}

	@Autowired
	private CometTemplate comet;

	@Test
	@Order(1)
	void aRateLimitedPrimaryIsCutCooledDownAndSpendsTheRetryBudget() {
		mock.server().model(PRIMARY).respond(MockResponse.rateLimited());
		for (int i = 0; i < 2; i++) {
			this.comet.prompt("Hi").block(Duration.ofSeconds(10));
		}
		assertThat(this.comet.getModelState().getCooldown().isCoolingDown(PRIMARY)).isTrue();
		assertThat(limiter().snapshot(PRIMARY).limit()).isLessThan(limiter().snapshot(PRIMARY).maxInFlight());
		assertThat(this.comet.getModelState().getRetryBudget().remaining()).isLessThan(10);
	}

	@Test
	@Order(2)
	void theNextTestStartsWithAHealthyPrimaryAtFullLimitsAndAFullBudget() {
		assertThat(this.comet.getModelState().getCooldown().isCoolingDown(PRIMARY)).isFalse();
		AdaptiveConcurrencyLimiter fresh = AdaptiveConcurrencyLimiter.builder().build();
		fresh.acquire(PRIMARY).block(Duration.ofSeconds(5)).release(CometLimiter.Outcome.CANCELLED);
		assertThat(limiter().snapshot(PRIMARY).limit()).isEqualTo(fresh.snapshot(PRIMARY).limit());
		assertThat(this.comet.getModelState().getRetryBudget().remaining()).isEqualTo(10);
		assertThat(this.comet.prompt("Hi").block(Duration.ofSeconds(10)).callResult().servedModel()).isEqualTo(PRIMARY);
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(1);
	}

	private AdaptiveConcurrencyLimiter limiter() {
		return (AdaptiveConcurrencyLimiter) this.comet.getModelState().getLimiter();
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ CometApiAutoConfiguration.class, CometApiConcurrencyAutoConfiguration.class })
	static class Application {

	}

}
