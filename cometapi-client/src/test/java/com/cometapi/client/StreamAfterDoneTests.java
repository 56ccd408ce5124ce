package com.cometapi.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of servers that go on after {@code [DONE]}: the stream ends with the whole
 * answer, whatever follows (at the next event, the size limit or the idle timeout), with
 * the permit given back as a success and the connection closed.
 */
class StreamAfterDoneTests {

	private static final int LIMIT = 64 * 1024;

	private static final String HEAD = "data: " + chunk("Hello") + "\n\ndata: " + chunk(" world")
			+ "\n\ndata: [DONE]\n\n";

	private final CountingLimiter limiter = new CountingLimiter();

	@Test
	void endsAtDoneWhenTheServerHoldsTheConnectionOpen() {
		expectWholeAnswer(Flux.never());
	}

	@Test
	void endsAtTheFirstEventAfterDone() {
		byte[] more = ("data: " + chunk("again") + "\n\n").getBytes(StandardCharsets.UTF_8);
		expectWholeAnswer(Flux.concat(Mono.just(more), Flux.never()));
	}

	@Test
	void endsAtDoneWhenTheServerKeepsSendingCommentsPastTheIdleTimeout() {
		byte[] ping = ": PING\n\n".getBytes(StandardCharsets.UTF_8);
		expectWholeAnswer(Flux.interval(Duration.ofMillis(50)).map((tick) -> ping));
	}

	@Test
	void endsAtDoneWhenTheServerSendsMoreThanTheSizeLimitAfterIt() {
		byte[] block = new byte[8192];
		Arrays.fill(block, (byte) 'a');
		expectWholeAnswer(Flux.<byte[]>generate((sink) -> sink.next(block)));
	}

	private void expectWholeAnswer(Flux<byte[]> afterDone) {
		Flux<byte[]> body = Flux.concat(Mono.just(HEAD.getBytes(StandardCharsets.UTF_8)), afterDone);
		try (HostileServer server = new HostileServer("after-done", body);
				CometTemplate comet = template(server.baseUrl())) {
			StepVerifier.create(comet.stream(ChatRequest.of(null, "Hi")).map(ChatCompletionChunk::contentDelta))
				.expectNext("Hello", " world")
				.expectComplete()
				.verify(Duration.ofSeconds(30));
			await().atMost(Duration.ofSeconds(10)).until(() -> server.closed.get() == 1);
			assertThat(server.requests).hasValue(1);
		}
		assertThat(this.limiter.held).hasValue(0);
		assertThat(this.limiter.releases).containsExactly(CometLimiter.Outcome.SUCCESS);
	}

	private CometTemplate template(String baseUrl) {
		return CometTemplate.builder()
			.baseUrl(baseUrl)
			.apiKey("test-key")
			.models("gpt-4o")
			.limiter(this.limiter)
			.retry(new RetrySettings(1, Duration.ofMillis(1), 1.0, Duration.ofMillis(1), Jitter.NONE, true))
			.retryBudget(RetryBudget.unlimited())
			.cooldown(CooldownSettings.DISABLED)
			.maxResponseSize(LIMIT)
			.streamFirstChunkTimeout(Duration.ofSeconds(30))
			.streamIdleTimeout(Duration.ofMillis(500))
			.build();
	}

	private static String chunk(String content) {
		return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
				+ "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}";
	}

}
