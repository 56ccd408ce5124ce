package com.cometapi.client;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import com.cometapi.client.error.CometApiException;
import com.cometapi.client.listener.AttemptHandle;
import com.cometapi.client.listener.CallHandle;
import com.cometapi.client.listener.CometCallListener;
import com.cometapi.client.listener.TokenCounts;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of what the pipeline tells a {@link CometCallListener}, in order.
 */
class CometCallListenerTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final Recording recording = new Recording();

	private CometTemplate template() {
		return CometTemplate.builder()
			.baseUrl(mock.baseUrl())
			.apiKey("test-key")
			.models("gpt-4o", "claude-sonnet-4-5")
			.retry(new RetrySettings(3, Duration.ofMillis(1), 1.0, Duration.ofMillis(1), Jitter.NONE, true))
			.retryBudget(RetryBudget.unlimited())
			.cooldown(CooldownSettings.DISABLED)
			.costEstimator((model, usage) -> new BigDecimal("0.01"))
			.listener(this.recording)
			.build();
	}

	@Test
	void success() {
		mock.server().model("gpt-4o").respond(MockResponse.ok());
		try (CometTemplate template = template()) {
			template.chat(ChatRequest.of(null, "Hi")).block(Duration.ofSeconds(10));
		}
		assertThat(this.recording.events).containsExactly("start chat route=null model=gpt-4o request=true",
				"attempt gpt-4o #1", "attempt succeeded",
				"succeeded gpt-4o attempts=1 fellBack=false response=true " + "usage=true cost=0.01");
		assertThat(mock.server().requestCount()).isEqualTo(1);
	}

	@Test
	void retryThenSuccess() {
		mock.server().model("gpt-4o").enqueue(MockResponse.serverError(), MockResponse.ok());
		try (CometTemplate template = template()) {
			template.chat(ChatRequest.of(null, "Hi")).block(Duration.ofSeconds(10));
		}
		assertThat(this.recording.events).containsExactly("start chat route=null model=gpt-4o request=true",
				"attempt gpt-4o #1", "attempt failed 500", "retry gpt-4o attempts=1 delay=PT0.001S reason=500",
				"attempt gpt-4o #2", "attempt succeeded",
				"succeeded gpt-4o attempts=2 fellBack=false response=true " + "usage=true cost=0.01");
		assertThat(mock.server().requestCount("gpt-4o")).isEqualTo(2);
	}

	@Test
	void fallback() {
		mock.server().model("gpt-4o").respond(MockResponse.noAvailableChannel());
		mock.server().model("claude-sonnet-4-5").respond(MockResponse.ok());
		try (CometTemplate template = template()) {
			template.chat(ChatRequest.of(null, "Hi")).block(Duration.ofSeconds(10));
		}
		assertThat(this.recording.events).containsExactly("start chat route=null model=gpt-4o request=true",
				"attempt gpt-4o #1", "attempt failed 503", "fallback gpt-4o -> claude-sonnet-4-5 reason=503",
				"attempt claude-sonnet-4-5 #2", "attempt succeeded",
				"succeeded claude-sonnet-4-5 attempts=2 fellBack=true response=true usage=true cost=0.01");
		assertThat(mock.server().requestCount("gpt-4o")).isEqualTo(1);
		assertThat(mock.server().requestCount("claude-sonnet-4-5")).isEqualTo(1);
	}

	@Test
	void streamWithFirstChunk() {
		mock.server().model("gpt-4o").respond(MockResponse.stream("Hel", "lo"));
		List<ChatCompletionChunk> chunks;
		try (CometTemplate template = template()) {
			chunks = template.stream(ChatRequest.of(null, "Hi")).collectList().block(Duration.ofSeconds(10));
		}
		assertThat(this.recording.events).containsExactly("start chat route=null model=gpt-4o request=true",
				"attempt gpt-4o #1", "attempt succeeded", "first chunk gpt-4o",
				"succeeded gpt-4o attempts=1 fellBack=false response=false usage=true cost=0.01");
		assertThat(this.recording.elements).hasValue(chunks.size());
		assertThat(mock.server().requestCount()).isEqualTo(1);
	}

	@Test
	void cancel() {
		mock.server()
			.model("gpt-4o")
			.respond(MockResponse.stream("a", "b", "c", "d").chunkDelay(Duration.ofMillis(100)));
		try (CometTemplate template = template()) {
			StepVerifier.create(template.stream(ChatRequest.of(null, "Hi")))
				.expectNextCount(2)
				.thenCancel()
				.verify(Duration.ofSeconds(10));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.recording.events.size() == 5);
		assertThat(this.recording.events).containsExactly("start chat route=null model=gpt-4o request=true",
				"attempt gpt-4o #1", "attempt succeeded", "first chunk gpt-4o", "cancelled attempts=1");
		assertThat(mock.server().requestCount()).isEqualTo(1);
	}

	@Test
	void nonTransientFailure() {
		mock.server().model("gpt-4o").respond(MockResponse.badRequest());
		try (CometTemplate template = template()) {
			StepVerifier.create(template.chat(ChatRequest.of(null, "Hi")))
				.expectError(CometApiException.class)
				.verify(Duration.ofSeconds(10));
		}
		assertThat(this.recording.events).containsExactly("start chat route=null model=gpt-4o request=true",
				"attempt gpt-4o #1", "attempt failed 400", "failed CometBadRequestException attempts=1 streamed=null");
		assertThat(mock.server().requestCount()).isEqualTo(1);
	}

	@Test
	void aTemplateWithoutListenerGivesTheSharedNoopHandle() {
		assertThat(CometCallListener.of(List.of())).isSameAs(CometCallListener.NOOP);
		assertThat(CometCallListener.NOOP.callStarted("chat", null, "gpt-4o", null)).isSameAs(CallHandle.NOOP);
		CometCallListener ignoring = (operation, route, model, request) -> CallHandle.NOOP;
		assertThat(CometCallListener.of(List.of(ignoring, ignoring)).callStarted("chat", null, "gpt-4o", null))
			.isSameAs(CallHandle.NOOP);
		assertThat(CometCallListener.of(List.of(ignoring, this.recording))).isNotSameAs(this.recording);
	}

	@Test
	void compositeTellsEachListenerInOrder() {
		Recording second = new Recording();
		CometCallListener both = CometCallListener.of(List.of(this.recording, second));
		CallHandle call = both.callStarted("chat", "fast", "gpt-4o", null);
		call.attemptStarted("gpt-4o", 1).succeeded("req-1");
		call.succeeded("gpt-4o", 1, false, "req-1", null, null, null);
		List<String> expected = List.of("start chat route=fast model=gpt-4o request=false", "attempt gpt-4o #1",
				"attempt succeeded", "succeeded gpt-4o attempts=1 fellBack=false response=false usage=false cost=null");
		assertThat(this.recording.events).isEqualTo(expected);
		assertThat(second.events).isEqualTo(expected);
	}

	/**
	 * Records every callback as a line.
	 */
	static final class Recording implements CometCallListener {

		final List<String> events = new CopyOnWriteArrayList<>();

		final AtomicInteger elements = new AtomicInteger();

		@Override
		public CallHandle callStarted(String operation, String route, String requestedModel, Object request) {
			this.events.add("start " + operation + " route=" + route + " model=" + requestedModel + " request="
					+ (request != null));
			return new CallHandle() {

				@Override
				public AttemptHandle attemptStarted(String model, int attempt) {
					Recording.this.events.add("attempt " + model + " #" + attempt);
					return new AttemptHandle() {

						@Override
						public void succeeded(String requestId) {
							Recording.this.events.add("attempt succeeded");
						}

						@Override
						public void failed(Throwable error) {
							Recording.this.events.add("attempt failed " + ((CometApiException) error).getStatus());
						}

						@Override
						public void cancelled(boolean deadlinePassed) {
							Recording.this.events.add("attempt cancelled deadlinePassed=" + deadlinePassed);
						}

					};
				}

				@Override
				public void retry(String model, int attempts, Duration delay, String reason) {
					Recording.this.events
						.add("retry " + model + " attempts=" + attempts + " delay=" + delay + " reason=" + reason);
				}

				@Override
				public void fallback(String from, String to, String reason) {
					Recording.this.events.add("fallback " + from + " -> " + to + " reason=" + reason);
				}

				@Override
				public void firstChunk(String model, Duration latency) {
					Recording.this.events.add("first chunk " + model);
				}

				@Override
				public Consumer<Object> elements() {
					return (element) -> Recording.this.elements.incrementAndGet();
				}

				@Override
				public void succeeded(String servedModel, int attempts, boolean fellBack, String requestId,
						Object response, TokenCounts usage, BigDecimal estimatedCost) {
					Recording.this.events.add("succeeded " + servedModel + " attempts=" + attempts + " fellBack="
							+ fellBack + " response=" + (response != null) + " usage=" + (usage != null) + " cost="
							+ estimatedCost);
				}

				@Override
				public void failed(Throwable error, int attempts, String streamedModel, TokenCounts usage) {
					Recording.this.events.add("failed " + error.getClass().getSimpleName() + " attempts=" + attempts
							+ " streamed=" + streamedModel);
				}

				@Override
				public void cancelled(int attempts) {
					Recording.this.events.add("cancelled attempts=" + attempts);
				}

			};
		}

	}

}
