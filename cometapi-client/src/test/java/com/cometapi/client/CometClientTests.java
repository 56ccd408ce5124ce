package com.cometapi.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import com.cometapi.client.catalog.CatalogResponse;
import com.cometapi.client.error.CometAuthenticationException;
import com.cometapi.client.error.CometBadRequestException;
import com.cometapi.client.error.CometFallbackExhaustedException;
import com.cometapi.client.error.CometInterruptedException;
import com.cometapi.client.error.CometUnknownRouteException;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.client.wire.EmbeddingRequest;
import com.cometapi.client.wire.EmbeddingResponse;
import com.cometapi.client.wire.ModelList;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link CometClient} against {@link CometApiMockServer}: values, unwrapped
 * typed exceptions, interrupts and closed streams giving back permits and connections,
 * and the refusal to block a non-blocking thread.
 */
class CometClientTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final CometApiMockServer mock = CometApiMockServer.start();

	private final CountingLimiter limiter = new CountingLimiter();

	private CometTemplate template;

	@AfterEach
	void close() {
		if (this.template != null) {
			this.template.close();
		}
		this.mock.close();
	}

	private CometClient client(String... models) {
		this.template = CometTemplate.builder()
			.baseUrl(this.mock.baseUrl())
			.apiKey("test-key")
			.models(models)
			.route(CometRoute.of("careful", "claude-sonnet-4-5"))
			.limiter(this.limiter)
			.retry(new RetrySettings(1, Duration.ZERO, 1.0, Duration.ZERO, Jitter.NONE, false))
			.retryBudget(RetryBudget.unlimited())
			.cooldown(CooldownSettings.DISABLED)
			.build();
		return CometClient.of(this.template);
	}

	@Test
	void returnsTheValuesOfEveryCall() {
		CometClient comet = client("gpt-4o-mini");
		ChatCompletion completion = comet.chat(ChatRequest.of("gpt-4o", "Hi"));
		assertThat(completion.content()).isEqualTo("Hello from gpt-4o");
		assertThat(completion.callResult().servedModel()).isEqualTo("gpt-4o");
		assertThat(comet.chat("gpt-4o", "Hi").content()).isEqualTo("Hello from gpt-4o");
		assertThat(comet.prompt("Hi").content()).isEqualTo("Hello from gpt-4o-mini");
		assertThat(comet.route("careful").prompt("Hi").content()).isEqualTo("Hello from claude-sonnet-4-5");
		EmbeddingResponse embeddings = comet.embeddings(EmbeddingRequest.of("text-embedding-3-small", "a", "b"));
		assertThat(embeddings.data()).hasSize(2);
		ModelList models = comet.models();
		assertThat(models.ids()).isNotEmpty();
		CatalogResponse catalog = comet.catalog();
		assertThat(catalog.data()).isNotEmpty();
		assertThat(this.mock.requestCount()).isEqualTo(7);
		assertThat(comet.getOperations()).isSameAs(this.template);
	}

	@Test
	void streamsChunksToAStreamAndToACallback() {
		this.mock.anyModel().respond(MockResponse.stream("Once ", "upon ", "a time"));
		CometClient comet = client("gpt-4o");
		try (Stream<ChatCompletionChunk> chunks = comet.stream(ChatRequest.of("gpt-4o", "Tell me a story"))) {
			assertThat(chunks.map(ChatCompletionChunk::contentDelta)
				.filter(Objects::nonNull)
				.collect(Collectors.joining())).isEqualTo("Once upon a time");
		}
		List<String> seen = new ArrayList<>();
		ChatCompletion answer = comet.stream(ChatRequest.of("gpt-4o", "Tell me a story"),
				(chunk) -> seen.add(chunk.contentDelta()));
		assertThat(answer.content()).isEqualTo("Once upon a time");
		assertThat(answer.usage()).isNotNull();
		assertThat(seen).contains("Once ", "upon ", "a time");
		assertThat(this.mock.requestCount()).isEqualTo(2);
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.limiter.held).hasValue(0));
	}

	@Test
	void throwsAuthenticationFailureUnwrapped() {
		this.mock.anyModel().respond(MockResponse.unauthorized());
		CometClient comet = client("gpt-4o");
		assertThatExceptionOfType(CometAuthenticationException.class).isThrownBy(() -> comet.prompt("Hi"))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(401));
		assertThatExceptionOfType(CometAuthenticationException.class)
			.isThrownBy(() -> comet.stream(ChatRequest.of("gpt-4o", "Hi"), (chunk) -> {
			}));
		assertThat(this.mock.requestCount()).isEqualTo(2);
	}

	@Test
	void throwsBadRequestUnwrappedWithoutFallingBack() {
		this.mock.anyModel().respond(MockResponse.badRequest());
		CometClient comet = client("gpt-4o", "claude-sonnet-4-5");
		assertThatExceptionOfType(CometBadRequestException.class).isThrownBy(() -> comet.prompt("Hi"))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(400));
		assertThat(this.mock.requestCount("gpt-4o")).isEqualTo(1);
		assertThat(this.mock.requestCount()).isEqualTo(1);
	}

	@Test
	void throwsFallbackExhaustedUnwrappedWhenEveryModelFails() {
		this.mock.anyModel().respond(MockResponse.serviceUnavailable());
		CometClient comet = client("gpt-4o", "claude-sonnet-4-5");
		assertThatExceptionOfType(CometFallbackExhaustedException.class).isThrownBy(() -> comet.prompt("Hi"))
			.satisfies((ex) -> {
				assertThat(ex.getModelsTried()).containsExactly("gpt-4o", "claude-sonnet-4-5");
				assertThat(ex.getSuppressed()).hasSize(2);
			});
		assertThat(this.mock.requestCount("gpt-4o")).isEqualTo(1);
		assertThat(this.mock.requestCount("claude-sonnet-4-5")).isEqualTo(1);
		assertThat(this.limiter.held).hasValue(0);
	}

	@Test
	void throwsUnknownRouteAtOnce() {
		CometClient comet = client("gpt-4o");
		assertThatExceptionOfType(CometUnknownRouteException.class).isThrownBy(() -> comet.route("typo"));
	}

	@Test
	void interruptCancelsTheCallAndGivesBackItsPermitAndConnection() throws Exception {
		this.mock.anyModel().respond(MockResponse.ok().delay(Duration.ofMinutes(1)));
		CometClient comet = client("gpt-4o");
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		AtomicBoolean flagSet = new AtomicBoolean();
		Thread caller = new Thread(() -> {
			try {
				comet.prompt("Hi");
			}
			catch (Throwable ex) {
				thrown.set(ex);
				flagSet.set(Thread.currentThread().isInterrupted());
			}
		});
		caller.start();
		await().atMost(WAIT).until(() -> this.mock.inFlight() == 1);
		assertThat(this.limiter.held).hasValue(1);
		caller.interrupt();
		caller.join(WAIT.toMillis());
		assertThat(thrown.get()).isExactlyInstanceOf(CometInterruptedException.class)
			.hasCauseInstanceOf(InterruptedException.class);
		assertThat(flagSet).isTrue();
		assertEverythingComesBack();
		assertThat(this.mock.requestCount()).isEqualTo(1);
	}

	@Test
	void interruptedThreadSendsNothing() {
		CometClient comet = client("gpt-4o");
		Thread.currentThread().interrupt();
		try {
			assertThatExceptionOfType(CometInterruptedException.class).isThrownBy(() -> comet.prompt("Hi"));
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
			assertThatExceptionOfType(CometInterruptedException.class)
				.isThrownBy(() -> comet.stream(ChatRequest.of("gpt-4o", "Hi")));
		}
		finally {
			Thread.interrupted();
		}
		assertThat(this.mock.requestCount()).isZero();
		assertThat(this.limiter.acquired).hasValue(0);
	}

	@Test
	void closingAStreamEarlyGivesBackItsPermitAndConnection() {
		this.mock.anyModel().respond(MockResponse.stream("first", "never").stallAfter(1));
		CometClient comet = client("gpt-4o");
		try (Stream<ChatCompletionChunk> chunks = comet.stream(ChatRequest.of("gpt-4o", "Hi"))) {
			Iterator<ChatCompletionChunk> iterator = chunks.iterator();
			assertThat(iterator.next()).isNotNull();
			assertThat(this.limiter.held).hasValue(1);
		}
		assertEverythingComesBack();
		assertThat(this.limiter.releases).hasSize(1);
	}

	@Test
	void interruptWhileAStreamWaitsCancelsIt() throws Exception {
		this.mock.anyModel().respond(MockResponse.stream("first", "never").stallAfter(1));
		CometClient comet = client("gpt-4o");
		CountDownLatch firstChunk = new CountDownLatch(1);
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		AtomicBoolean flagSet = new AtomicBoolean();
		Thread reader = new Thread(() -> {
			try (Stream<ChatCompletionChunk> chunks = comet.stream(ChatRequest.of("gpt-4o", "Hi"))) {
				Iterator<ChatCompletionChunk> iterator = chunks.iterator();
				iterator.next();
				firstChunk.countDown();
				iterator.hasNext();
			}
			catch (Throwable ex) {
				thrown.set(ex);
				flagSet.set(Thread.currentThread().isInterrupted());
			}
		});
		reader.start();
		assertThat(firstChunk.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		reader.interrupt();
		reader.join(WAIT.toMillis());
		assertThat(thrown.get()).isExactlyInstanceOf(CometInterruptedException.class);
		assertThat(flagSet).isTrue();
		assertEverythingComesBack();
	}

	@Test
	void aCallbackThatThrowsCancelsTheStream() {
		this.mock.anyModel().respond(MockResponse.stream("first", "never").stallAfter(1));
		CometClient comet = client("gpt-4o");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> comet.stream(ChatRequest.of("gpt-4o", "Hi"), (chunk) -> {
				throw new IllegalArgumentException("enough");
			}));
		assertEverythingComesBack();
	}

	@Test
	void requestsABoundedNumberOfChunksAheadOfTheReader() {
		AtomicLong requested = new AtomicLong();
		Flux<ChatCompletionChunk> chunks = Flux.range(0, 1_000)
			.map((i) -> new ChatCompletionChunk("id", "chat.completion.chunk", 0L, "gpt-4o", null, List.of(), null,
					null))
			.doOnRequest((n) -> requested.addAndGet(n));
		CometClient comet = CometClient.of(FixedOperations.streaming(chunks));
		try (Stream<ChatCompletionChunk> stream = comet.stream(ChatRequest.of("gpt-4o", "Hi"))) {
			assertThat(requested).hasValue(CometClient.STREAM_PREFETCH);
			Iterator<ChatCompletionChunk> iterator = stream.iterator();
			for (int i = 0; i < 100; i++) {
				iterator.next();
				assertThat(requested.get() - (i + 1)).isBetween(0L, (long) CometClient.STREAM_PREFETCH);
			}
		}
	}

	@Test
	void refusesToBlockAnEventLoop() {
		CometClient comet = client("gpt-4o");
		StepVerifier.create(this.template.prompt("Hi").map((answer) -> comet.prompt("again")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isExactlyInstanceOf(IllegalStateException.class)
				.hasMessageContaining("CometClient.prompt blocks")
				.hasMessageContaining("use the reactive CometTemplate"))
			.verify(WAIT);
		assertThat(this.mock.requestCount()).isEqualTo(1);
	}

	@Test
	void refusesToBlockAParallelWorker() {
		CometClient comet = client("gpt-4o");
		StepVerifier
			.create(Mono.fromCallable(() -> comet.stream(ChatRequest.of("gpt-4o", "Hi")))
				.subscribeOn(Schedulers.parallel()))
			.expectError(IllegalStateException.class)
			.verify(WAIT);
		assertThat(this.mock.requestCount()).isZero();
	}

	private void assertEverythingComesBack() {
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(this.limiter.held).hasValue(0);
			ConnectionPoolStats pool = this.template.getConnectionPoolStats();
			assertThat(pool.acquired()).isZero();
			assertThat(pool.pending()).isZero();
			assertThat(this.mock.inFlight()).isZero();
		});
	}

}
