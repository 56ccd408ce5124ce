package com.cometapi.ai;

import java.math.BigDecimal;
import java.time.Duration;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.test.CometApiMockServerExtension;

/**
 * Templates and scripted answers shared by the bridge's tests.
 */
final class ChatFixtures {

	static final String PRIMARY = "gpt-4o";

	static final String SECONDARY = "claude-sonnet-4-5";

	static final BigDecimal COST = new BigDecimal("0.000123");

	static final RetrySettings THREE_FAST_ATTEMPTS = new RetrySettings(3, Duration.ofMillis(1), 2.0,
			Duration.ofMillis(1), Jitter.FULL, false);

	static final String TOOL_CALL_ANSWER = """
			{"id":"chatcmpl-tool","object":"chat.completion","created":1,"model":"gpt-4o",
			 "choices":[{"index":0,"message":{"role":"assistant","content":null,
			   "tool_calls":[{"id":"call_1","type":"function",
			     "function":{"name":"temperature","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
			   "finish_reason":"tool_calls"}],
			 "usage":{"prompt_tokens":20,"completion_tokens":5,"total_tokens":25}}
			""";

	static final String STREAMED_TOOL_CALL = """
			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"temperature","arguments":""}}]},"finish_reason":null}]}

			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"city\\":"}}]},"finish_reason":null}]}

			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\\"Paris\\"}"}}]},"finish_reason":null}]}

			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[],"usage":{"prompt_tokens":20,"completion_tokens":5,"total_tokens":25}}

			data: [DONE]

			""";

	private ChatFixtures() {
	}

	static CometTemplate.Builder template(CometApiMockServerExtension mock) {
		return CometTemplate.builder()
			.baseUrl(mock.baseUrl())
			.apiKey("test-key")
			.models(PRIMARY, SECONDARY)
			.retry(THREE_FAST_ATTEMPTS)
			.retryBudget(RetryBudget.unlimited())
			.cooldown(CooldownSettings.DISABLED)
			.costEstimator((model, usage) -> COST);
	}

}
