package com.cometapi.client;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.cometapi.client.resilience.RetrySettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CallPlanner}.
 */
class CallPlannerTests {

	private final CallPlanner planner = new CallPlanner(new CometRoute("default", List.of("gpt-4o"), null, null, null),
			RetrySettings.DEFAULTS, Duration.ofMinutes(2));

	@Test
	void walksEachOfARequestsModelsOnceAtItsFirstPlace() {
		CallPlan plan = this.planner.plan("chat", "gpt-4o",
				List.of("claude-sonnet-4-5", "gpt-4o", "gemini-2.5-pro", "claude-sonnet-4-5"), Duration.ofSeconds(60));
		assertThat(plan.models()).containsExactly("gpt-4o", "claude-sonnet-4-5", "gemini-2.5-pro");
		assertThat(plan.attemptTimeout()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void aRequestWithoutAModelWalksTheRoute() {
		assertThat(this.planner.plan("chat", null, List.of(), null).models()).containsExactly("gpt-4o");
	}

}
