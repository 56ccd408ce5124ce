package com.cometapi.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import com.cometapi.client.error.CometStreamException;
import com.cometapi.client.error.CometStreamTimeoutException;
import com.cometapi.client.error.CometValidationException;
import com.cometapi.client.observation.CometCallContext;
import com.cometapi.client.observation.CometFirstChunkEvent;
import com.cometapi.client.observation.CometOutcome;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CometTemplateStreamingTests {

	@RegisterExtension
	static final CometApiMockServerExtension mockExtension = new CometApiMockServerExtension();

	private static final CometApiMockServer mock = mockExtension.server();

	private final CountingLimiter limiter = new CountingLimiter();

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	private final List<Observation.Event> events = new CopyOnWriteArrayList<>();

	private final CometTemplate comet = template().build();

	@AfterEach
	void reset() {
		this.comet.close();
	}

	private CometTemplate.Builder template() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof CometCallContext;
			}

			@Override
			public void onEvent(Observation.Event event, Observation.Context context) {
				CometTemplateStreamingTests.this.events.add(event);
			}

			@Override
			public void onStop(Observation.Context context) {
				CometTemplateStreamingTests.this.stopped.add(context);
			}

		});
		return CometTemplate.builder()
			.baseUrl(mock.baseUrl())
			.apiKey("test-key")
			.limiter(this.limiter)
			.observationRegistry(registry)
			.retry(new RetrySettings(2, Duration.ofMillis(1), 1.0, Duration.ofMillis(1), Jitter.NONE, true))
			.streamFirstChunkTimeout(Duration.ofSeconds(30))
			.streamIdleTimeout(Duration.ofSeconds(2));
	}

	@Test
	void streamsChunksThenUsageAndAsksForUsage() {
		mock.model("gpt-4o").enqueue(MockResponse.stream("Hello", " there", "!").usage(31, 3));
		List<ChatCompletionChunk> chunks = this.comet.stream(ChatRequest.of("gpt-4o", "Hi")).collectList().block();
		assertThat(chunks).hasSize(6);
		assertThat(chunks).map(ChatCompletionChunk::contentDelta)
			.containsExactly("", "Hello", " there", "!", null, null);
		assertThat(chunks.get(5).isUsageOnly()).isTrue();
		assertThat(chunks.get(5).usage().totalTokens()).isEqualTo(34);
		assertThat(chunks.get(0).extras()).containsKey("obfuscation");
		assertThat(mock.requests().get(0).json().path("stream").asBoolean()).isTrue();
		assertThat(mock.requests().get(0).json().path("stream_options").path("include_usage").asBoolean()).isTrue();
		assertThat(this.limiter.releases).containsExactly(CometLimiter.Outcome.SUCCESS);
		assertThat(this.stopped).singleElement().satisfies((context) -> {
			CometCallContext call = (CometCallContext) context;
			assertThat(call.getOutcome()).isEqualTo(CometOutcome.SUCCESS);
			assertThat(call.getUsage().totalTokens()).isEqualTo(34);
			assertThat(call.getServedModel()).isEqualTo("gpt-4o");
		});
		assertThat(this.events).filteredOn(CometFirstChunkEvent.class::isInstance)
			.singleElement()
			.satisfies((event) -> assertThat(((CometFirstChunkEvent) event).model()).isEqualTo("gpt-4o"));
	}

	@Test
	void aggregatesStreamIntoCompletion() {
		mock.model("gpt-4o").enqueue(MockResponse.stream("Hello", " there").keepAlives(3));
		ChatCompletion completion = ChatStreamAggregator.aggregate(this.comet.stream(ChatRequest.of("gpt-4o", "Hi")))
			.block();
		assertThat(completion.content()).isEqualTo("Hello there");
		assertThat(completion.firstChoice().finishReason()).isEqualTo("stop");
		assertThat(completion.firstChoice().message().role()).isEqualTo("assistant");
		assertThat(completion.usage().promptTokens()).isEqualTo(11);
	}

	@Test
	void leavesUsageOutWhenSwitchedOff() {
		try (CometTemplate noUsage = template().streamIncludeUsage(false).build()) {
			List<ChatCompletionChunk> chunks = noUsage.stream(ChatRequest.of("gpt-4o", "Hi")).collectList().block();
			assertThat(chunks).noneMatch(ChatCompletionChunk::isUsageOnly);
			assertThat(mock.requests().get(0).json().has("stream_options")).isFalse();
		}
	}

	@Test
	void errorEventMidStreamFailsWithStreamExceptionAndNoRetry() {
		mock.model("gpt-4o").enqueue(MockResponse.stream("a", "b", "c").errorAfter(2));
		StepVerifier
			.create(this.comet
				.stream(ChatRequest.builder().model("gpt-4o").user("Hi").fallbackModels("gpt-4o-mini").build()))
			.expectNextCount(2)
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(CometStreamException.class)
					.hasMessageContaining("upstream stream interrupted");
				CometStreamException stream = (CometStreamException) ex;
				assertThat(stream.getChunksReceived()).isEqualTo(2);
				assertThat(stream.getRequestId()).isEqualTo(mock.requests().get(0).requestId());
				assertThat(stream.getErrorCode()).isEqualTo("upstream_error");
				assertThat(stream.isRetryable()).isFalse();
			})
			.verify(Duration.ofSeconds(5));
		assertThat(mock.requestCount("gpt-4o")).isEqualTo(1);
		assertThat(mock.requestCount("gpt-4o-mini")).isZero();
		assertThat(this.limiter.releases).containsExactly(CometLimiter.Outcome.FAILED);
		assertThat(((CometCallContext) this.stopped.get(0)).getOutcome()).isEqualTo(CometOutcome.STREAM_BROKEN);
	}

	@Test
	void errorEventTypeMidStreamFailsWithStreamException() {
		mock.model("gpt-4o").enqueue(MockResponse.stream("a", "b").eventErrorAfter(3));
		StepVerifier.create(this.comet.stream(ChatRequest.of("gpt-4o", "Hi")))
			.expectNextCount(3)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CometStreamException.class)
				.extracting("chunksReceived")
				.isEqualTo(3))
			.verify(Duration.ofSeconds(5));
		assertThat(mock.requestCount("gpt-4o")).isEqualTo(1);
	}

	@Test
	void streamEndingWithoutDoneFails() {
		mock.model("gpt-4o").enqueue(MockResponse.stream("a", "b").withoutDone());
		StepVerifier.create(this.comet.stream(ChatRequest.of("gpt-4o", "Hi")))
			.expectNextCount(5)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CometStreamException.class)
				.hasMessageContaining("without [DONE]")
				.extracting("chunksReceived")
				.isEqualTo(5))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void stalledStreamEndsWithIdleTimeoutAndClosesConnection() {
		mock.model("gpt-4o").enqueue(MockResponse.stream("a", "b", "c").stallAfter(2));
		StepVerifier.create(this.comet.stream(ChatRequest.of("gpt-4o", "Hi")))
			.expectNextCount(2)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CometStreamTimeoutException.class)
				.hasMessageContaining("cometapi.stream.idle-timeout")
				.extracting("chunksReceived")
				.isEqualTo(2))
			.verify(Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(5)).until(() -> mock.disconnects() == 1);
		assertThat(this.limiter.held).hasValue(0);
		assertThat(((CometCallContext) this.stopped.get(0)).getOutcome()).isEqualTo(CometOutcome.TIMEOUT);
	}

	@Test
	void cancellingClosesConnectionAndReleasesPermit() {
		mock.model("gpt-4o").enqueue(MockResponse.stream("a", "b", "c").chunkDelay(Duration.ofMillis(100)));
		StepVerifier.create(this.comet.stream(ChatRequest.of("gpt-4o", "Hi")))
			.expectNextCount(2)
			.thenCancel()
			.verify(Duration.ofSeconds(5));
		await().atMost(Duration.ofSeconds(5)).until(() -> mock.disconnects() == 1);
		assertThat(this.limiter.releases).containsExactly(CometLimiter.Outcome.CANCELLED);
		assertThat(this.limiter.held).hasValue(0);
		assertThat(((CometCallContext) this.stopped.get(0)).getOutcome()).isEqualTo(CometOutcome.CANCELLED);
	}

	@Test
	void fallsBackBeforeFirstChunk() {
		mock.model("gpt-4o").enqueue(MockResponse.noAvailableChannel());
		ChatRequest request = ChatRequest.builder().model("gpt-4o").user("Hi").fallbackModels("gpt-4o-mini").build();
		ChatCompletion completion = ChatStreamAggregator.aggregate(this.comet.stream(request)).block();
		assertThat(completion.content()).isEqualTo("Hello from gpt-4o-mini");
		assertThat(mock.requestCount("gpt-4o")).isEqualTo(1);
		assertThat(mock.requestCount("gpt-4o-mini")).isEqualTo(1);
		assertThat(this.limiter.held).hasValue(0);
		assertThat(((CometCallContext) this.stopped.get(0)).getOutcome()).isEqualTo(CometOutcome.FALLBACK_SUCCESS);
	}

	@Test
	void retriesErrorEventBeforeFirstChunk() {
		mock.model("gpt-4o").enqueue(MockResponse.stream("a").errorAfter(0));
		List<ChatCompletionChunk> chunks = this.comet.stream(ChatRequest.of("gpt-4o", "Hi")).collectList().block();
		assertThat(chunks).map(ChatCompletionChunk::contentDelta)
			.containsExactly("", "Hello", " from", " gpt-4o", null, null);
		assertThat(mock.requestCount("gpt-4o")).isEqualTo(2);
		assertThat(this.limiter.releases).containsExactly(CometLimiter.Outcome.FAILED, CometLimiter.Outcome.SUCCESS);
	}

	@Test
	void fallsBackWhenFirstChunkTimesOut() {
		mock.model("gpt-4o").respond(MockResponse.stream("late").delay(Duration.ofSeconds(5)));
		ChatRequest request = ChatRequest.builder().model("gpt-4o").user("Hi").fallbackModels("gpt-4o-mini").build();
		try (CometTemplate once = template()
			.retry(new RetrySettings(1, Duration.ofMillis(1), 1.0, Duration.ofMillis(1), Jitter.NONE, true))
			.streamFirstChunkTimeout(Duration.ofSeconds(1))
			.build()) {
			ChatCompletion completion = ChatStreamAggregator.aggregate(once.stream(request)).block();
			assertThat(completion.content()).isEqualTo("Hello from gpt-4o-mini");
		}
		assertThat(mock.requestCount("gpt-4o")).isEqualTo(1);
		assertThat(this.limiter.held).hasValue(0);
	}

	@Test
	void rejectsInvalidRequestWithoutNetwork() {
		StepVerifier
			.create(this.comet.stream(ChatRequest.builder().model("gpt-4o").temperature(7.0).user("Hi").build()))
			.expectError(CometValidationException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(mock.requestCount()).isZero();
	}

}
