package com.cometapi.client;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.cometapi.client.error.CometStreamException;
import com.cometapi.client.error.CometStreamTimeoutException;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Attacks on {@link CometClient}'s blocking stream and call: a stream closed from another
 * thread while its reader waits, reads after close, and an interrupt that comes after the
 * call has already ended.
 */
class CometClientAttackTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final CountingLimiter limiter = new CountingLimiter();

	private static ChatCompletionChunk chunk() {
		return new ChatCompletionChunk("id", "chat.completion.chunk", 0L, "gpt-4o", null, List.of(), null, null);
	}

	@Test
	void aStreamNeverClosedNorReadGivesBackItsPermitAndConnectionAtTheIdleTimeout() {
		try (CometApiMockServer mock = CometApiMockServer.start(); CometTemplate template = template(mock)) {
			mock.anyModel().respond(MockResponse.stream("first", "never").stallAfter(1));
			Stream<ChatCompletionChunk> abandoned = CometClient.of(template).stream(ChatRequest.of("gpt-4o", "Hi"));
			Iterator<ChatCompletionChunk> iterator = abandoned.iterator();
			assertThat(iterator.next()).isNotNull();
			assertEverythingComesBack(mock, template);
			assertThatExceptionOfType(CometStreamTimeoutException.class).isThrownBy(iterator::hasNext);
		}
	}

	@Test
	void aReaderThatStopsReadingGivesBackThePermitAndConnectionAtTheIdleTimeout() {
		String[] deltas = IntStream.range(0, 5_000).mapToObj(Integer::toString).toArray(String[]::new);
		try (CometApiMockServer mock = CometApiMockServer.start(); CometTemplate template = template(mock)) {
			mock.anyModel().respond(MockResponse.stream(deltas));
			Stream<ChatCompletionChunk> abandoned = CometClient.of(template).stream(ChatRequest.of("gpt-4o", "Hi"));
			Iterator<ChatCompletionChunk> iterator = abandoned.iterator();
			assertThat(iterator.next()).isNotNull();
			assertEverythingComesBack(mock, template);
			assertThatExceptionOfType(CometStreamTimeoutException.class)
				.isThrownBy(() -> iterator.forEachRemaining((chunk) -> {
				}));
		}
	}

	@Test
	void aHundredThousandTinyChunksReadToTheEndStopAtTheResponseSizeLimitAndEverythingComesBack() {
		String[] deltas = IntStream.range(0, 100_000).mapToObj(Integer::toString).toArray(String[]::new);
		try (CometApiMockServer mock = CometApiMockServer.start(); CometTemplate template = template(mock)) {
			mock.anyModel().respond(MockResponse.stream(deltas));
			AtomicInteger read = new AtomicInteger();
			try (Stream<ChatCompletionChunk> chunks = CometClient.of(template).stream(ChatRequest.of("gpt-4o", "Hi"))) {
				assertThatExceptionOfType(CometStreamException.class)
					.isThrownBy(() -> chunks.map(ChatCompletionChunk::contentDelta)
						.filter((delta) -> delta != null && !delta.isEmpty())
						.forEach((delta) -> assertThat(delta).isEqualTo(Integer.toString(read.getAndIncrement()))))
					.withMessageContaining("max-response-size");
			}
			assertThat(read.get()).isBetween(1_000, 99_999);
			assertEverythingComesBack(mock, template);
		}
	}

	private CometTemplate template(CometApiMockServer mock) {
		return CometTemplate.builder()
			.baseUrl(mock.baseUrl())
			.apiKey("test-key")
			.models("gpt-4o")
			.limiter(this.limiter)
			.retry(new RetrySettings(1, Duration.ZERO, 1.0, Duration.ZERO, Jitter.NONE, false))
			.retryBudget(RetryBudget.unlimited())
			.cooldown(CooldownSettings.DISABLED)
			.streamIdleTimeout(Duration.ofSeconds(2))
			.build();
	}

	private void assertEverythingComesBack(CometApiMockServer mock, CometTemplate template) {
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(this.limiter.held).hasValue(0);
			assertThat(template.getConnectionPoolStats().acquired()).isZero();
			assertThat(mock.inFlight()).isZero();
		});
	}

	@Test
	void closingFromAnotherThreadWakesTheWaitingReader() throws Exception {
		AtomicBoolean cancelled = new AtomicBoolean();
		Flux<ChatCompletionChunk> stalls = Flux.concat(Flux.just(chunk()), Flux.<ChatCompletionChunk>never())
			.doOnCancel(() -> cancelled.set(true));
		CometClient comet = CometClient.of(new FixedOperations(stalls, Mono.never()));
		Stream<ChatCompletionChunk> stream = comet.stream(ChatRequest.of("gpt-4o", "Hi"));
		Iterator<ChatCompletionChunk> iterator = stream.iterator();
		iterator.next();
		CountDownLatch reading = new CountDownLatch(1);
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		Thread reader = new Thread(() -> {
			reading.countDown();
			try {
				iterator.hasNext();
			}
			catch (Throwable ex) {
				thrown.set(ex);
			}
		});
		reader.start();
		assertThat(reading.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		await().atMost(WAIT).until(() -> reader.getState() == Thread.State.WAITING);
		stream.close();
		reader.join(WAIT.toMillis());
		assertThat(reader.isAlive()).as("reader still waiting after close").isFalse();
		assertThat(thrown.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
		assertThat(cancelled).isTrue();
	}

	@Test
	void readingAfterCloseThrowsRatherThanEndingQuietly() {
		Flux<ChatCompletionChunk> chunks = Flux.range(0, 10).map((i) -> chunk());
		CometClient comet = CometClient.of(new FixedOperations(chunks, Mono.never()));
		Stream<ChatCompletionChunk> stream = comet.stream(ChatRequest.of("gpt-4o", "Hi"));
		Iterator<ChatCompletionChunk> iterator = stream.iterator();
		assertThat(iterator.next()).isNotNull();
		stream.close();
		stream.close();
		assertThatIllegalStateException().isThrownBy(iterator::hasNext).withMessageContaining("closed");
		assertThatIllegalStateException().isThrownBy(iterator::next).withMessageContaining("closed");
	}

	@Test
	void aCallThatEndedBeforeTheInterruptKeepsItsValue() {
		ChatCompletion answer = new ChatCompletion("id", "chat.completion", 0L, "gpt-4o", null, List.of(), null, null,
				null);
		Mono<ChatCompletion> endsAtOnce = Mono.just(answer)
			.doOnSubscribe((subscription) -> Thread.currentThread().interrupt());
		CometClient comet = CometClient.of(new FixedOperations(Flux.empty(), endsAtOnce));
		try {
			assertThat(comet.chat(ChatRequest.of("gpt-4o", "Hi"))).isSameAs(answer);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

}
