package com.cometapi.client;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.wire.CallResult;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the {@link CallResultListener} a streamed call tells how it was served.
 */
class CallResultListenerTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private CometTemplate template() {
		return CometTemplate.builder()
			.baseUrl(mock.baseUrl())
			.apiKey("test-key")
			.models("gpt-4o", "claude-sonnet-4-5")
			.retryBudget(RetryBudget.unlimited())
			.cooldown(CooldownSettings.DISABLED)
			.costEstimator((model, usage) -> new BigDecimal("0.01"))
			.build();
	}

	@Test
	void isToldAtTheFirstChunkAndWithTheCostAtTheEnd() {
		mock.server().model("gpt-4o").respond(MockResponse.noAvailableChannel());
		mock.server().model("claude-sonnet-4-5").respond(MockResponse.stream("Hel", "lo"));
		List<CallResult> results = new CopyOnWriteArrayList<>();
		List<Integer> seenAtFirstChunk = new CopyOnWriteArrayList<>();
		try (CometTemplate template = template()) {
			List<ChatCompletionChunk> chunks = template.stream(ChatRequest.of(null, "Hi"))
				.doOnNext((chunk) -> seenAtFirstChunk.add(results.size()))
				.contextWrite(
						(context) -> context.put(CallResultListener.CONTEXT_KEY, (CallResultListener) results::add))
				.collectList()
				.block(Duration.ofSeconds(10));
			assertThat(chunks).isNotEmpty();
		}
		assertThat(seenAtFirstChunk.get(0)).isEqualTo(1);
		assertThat(results).hasSize(2);
		assertThat(results.get(0).servedModel()).isEqualTo("claude-sonnet-4-5");
		assertThat(results.get(0).requestId())
			.isEqualTo(mock.server().requests("claude-sonnet-4-5").get(0).requestId());
		assertThat(results.get(0).fellBack()).isTrue();
		assertThat(results.get(0).estimatedCost()).isNull();
		assertThat(results.get(1).servedModel()).isEqualTo("claude-sonnet-4-5");
		assertThat(results.get(1).estimatedCost()).isEqualByComparingTo("0.01");
	}

	@Test
	void isNotToldWhenTheStreamFailsBeforeItsFirstChunk() {
		mock.server().anyModel().respond(MockResponse.unauthorized());
		List<CallResult> results = new CopyOnWriteArrayList<>();
		try (CometTemplate template = template()) {
			template.stream(ChatRequest.of(null, "Hi"))
				.contextWrite(
						(context) -> context.put(CallResultListener.CONTEXT_KEY, (CallResultListener) results::add))
				.onErrorResume((ex) -> reactor.core.publisher.Flux.empty())
				.blockLast(Duration.ofSeconds(10));
		}
		assertThat(results).isEmpty();
	}

}
