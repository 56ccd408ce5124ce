package com.cometapi.client.wire;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for reading {@link ChatCompletion} as CometAPI sends it.
 */
class ChatCompletionJsonTests {

	private static final String COMPLETION = """
			{
			  "id": "chatcmpl-Dx0",
			  "object": "chat.completion",
			  "created": 1782300000,
			  "model": "gpt-5.4-mini-2026-03-17",
			  "system_fingerprint": "fp_1234",
			  "choices": [
			    {
			      "index": 0,
			      "message": {"role": "assistant", "content": "Hello!", "refusal": null, "annotations": []},
			      "logprobs": null,
			      "finish_reason": "stop"
			    }
			  ],
			  "usage": {
			    "prompt_tokens": 31,
			    "completion_tokens": 3,
			    "total_tokens": 34,
			    "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
			    "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
			      "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0},
			    "latency_checkpoint": {"first_token_ms": 412.5},
			    "claude_cache_creation_5_m_tokens": 0
			  },
			  "service_tier": "default"
			}
			""";

	private final ObjectMapper mapper = CometJson.newObjectMapper();

	@Test
	void readsCompletionWithUsageDetailsAndCometApiExtras() throws Exception {
		ChatCompletion completion = this.mapper.readValue(COMPLETION, ChatCompletion.class);
		assertThat(completion.id()).isEqualTo("chatcmpl-Dx0");
		assertThat(completion.created()).isEqualTo(1782300000L);
		assertThat(completion.model()).isEqualTo("gpt-5.4-mini-2026-03-17");
		assertThat(completion.systemFingerprint()).isEqualTo("fp_1234");
		assertThat(completion.content()).isEqualTo("Hello!");
		assertThat(completion.firstChoice().finishReason()).isEqualTo("stop");
		assertThat(completion.firstChoice().logprobs()).isNull();
		assertThat(completion.firstChoice().message().extras()).containsEntry("annotations", List.of());
		Usage usage = completion.usage();
		assertThat(usage.promptTokens()).isEqualTo(31);
		assertThat(usage.completionTokens()).isEqualTo(3);
		assertThat(usage.totalTokens()).isEqualTo(34);
		assertThat(usage.promptTokensDetails().cachedTokens()).isZero();
		assertThat(usage.promptTokensDetails().extras()).containsEntry("audio_tokens", 0);
		assertThat(usage.completionTokensDetails().reasoningTokens()).isZero();
		assertThat(usage.extras()).containsOnlyKeys("latency_checkpoint", "claude_cache_creation_5_m_tokens");
		assertThat(usage.extras().get("latency_checkpoint"))
			.isEqualTo(Map.of("first_token_ms", new BigDecimal("412.5")));
		assertThat(completion.extras()).containsEntry("service_tier", "default");
		assertThat(completion.callResult()).isNull();
	}

	@Test
	void keepsUnknownFieldsThroughWriteAndRead() throws Exception {
		ChatCompletion completion = this.mapper.readValue(COMPLETION, ChatCompletion.class);
		String json = this.mapper.writeValueAsString(completion);
		assertThat(json).contains("\"service_tier\":\"default\"")
			.contains("\"claude_cache_creation_5_m_tokens\":0")
			.contains("\"first_token_ms\":412.5")
			.contains("\"accepted_prediction_tokens\":0");
		assertThat(this.mapper.readValue(json, ChatCompletion.class)).isEqualTo(completion);
	}

	@Test
	void readsAssistantToolCalls() throws Exception {
		ChatCompletion completion = this.mapper.readValue("""
				{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,
				 "message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
				 "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]},
				 "finish_reason":"tool_calls"}]}""", ChatCompletion.class);
		assertThat(completion.content()).isNull();
		ToolCall call = completion.firstChoice().message().toolCalls().get(0);
		assertThat(call.function().name()).isEqualTo("get_weather");
		assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Oslo\"}");
	}

	@Test
	void toleratesMissingChoices() throws Exception {
		ChatCompletion completion = this.mapper.readValue("{\"id\":\"c\"}", ChatCompletion.class);
		assertThat(completion.firstChoice()).isNull();
		assertThat(completion.content()).isNull();
		assertThat(completion.extras()).isEmpty();
	}

	@Test
	void carriesCallResultButNeverWritesIt() throws Exception {
		ChatCompletion completion = this.mapper.readValue(COMPLETION, ChatCompletion.class);
		assertThat(completion.estimatedCost()).isEmpty();
		CallResult result = new CallResult(null, "gpt-5.4-mini", "gpt-5.4-mini", "req-1", 1, List.of(),
				Duration.ofMillis(120), new BigDecimal("0.000012"));
		ChatCompletion withResult = completion.withCallResult(result);
		assertThat(withResult.callResult()).isSameAs(result);
		assertThat(withResult.estimatedCost()).contains(new BigDecimal("0.000012"));
		assertThat(withResult.withCallResult(result.withEstimatedCost(null)).estimatedCost()).isEmpty();
		String json = this.mapper.writeValueAsString(withResult);
		assertThat(json).doesNotContain("callResult").doesNotContain("req-1");
		assertThat(this.mapper.readValue(json, ChatCompletion.class)).isEqualTo(completion);
	}

	@Test
	void readsLogprobsAsTree() throws Exception {
		ChatCompletion completion = this.mapper.readValue("""
				{"choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},
				 "logprobs":{"content":[{"token":"Hi","logprob":-0.01}]},"finish_reason":"stop"}]}""",
				ChatCompletion.class);
		assertThat(completion.firstChoice().logprobs().path("content").get(0).path("token").asText()).isEqualTo("Hi");
	}

}
