package com.cometapi.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.client.wire.EmbeddingRequest;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With BlockHound watching every non-blocking thread (Reactor's schedulers, Netty's and
 * Reactor Netty's event loops), many callers use a {@link CometClient} at once: chat,
 * streams read to the end and streams closed early. Nothing may block a non-blocking
 * thread: every wait happens on the callers' own threads. One wait is allowed: Jackson
 * builds the deserializer of a type once, under a lock that two event loops parsing the
 * same type for the first time may contend for. Runs in the {@code blockhound} Surefire
 * execution, in a JVM of its own.
 */
@EnabledIfSystemProperty(named = "cometapi.test.blockhound", matches = "true",
		disabledReason = "runs in the blockhound execution, in a JVM of its own")
class CometClientBlockHoundTests {

	private static final List<String> blockingCalls = new CopyOnWriteArrayList<>();

	private final CometApiMockServer mock = CometApiMockServer.start();

	private CometTemplate template;

	@BeforeAll
	static void installBlockHound() {
		BlockHound.install((builder) -> builder
			.allowBlockingCallsInside("com.fasterxml.jackson.databind.deser.DeserializerCache",
					"_createAndCacheValueDeserializer")
			.blockingMethodCallback((method) -> blockingCalls
				.add(Thread.currentThread().getName() + " called " + method + where(new Exception().getStackTrace()))));
	}

	private static String where(StackTraceElement[] stack) {
		StringBuilder frames = new StringBuilder();
		for (StackTraceElement frame : stack) {
			if (!frame.getClassName().startsWith("reactor.blockhound")) {
				frames.append("\n\tat ").append(frame);
			}
		}
		return frames.toString();
	}

	@AfterEach
	void close() {
		if (this.template != null) {
			this.template.close();
		}
		this.mock.close();
		blockingCalls.clear();
	}

	@Test
	void blockHoundSeesABlockingCallOnAParallelWorker() {
		Mono.fromCallable(() -> new CountDownLatch(1).await(1, TimeUnit.MILLISECONDS))
			.subscribeOn(Schedulers.parallel())
			.block(Duration.ofSeconds(30));
		assertThat(blockingCalls).anySatisfy((call) -> assertThat(call).startsWith("parallel-"));
	}

	@Test
	void blockingClientNeverBlocksANonBlockingThread() throws Exception {
		this.mock.model("gpt-4o").respond(MockResponse.ok("Hi").delay(Duration.ofMillis(1)));
		this.mock.model("gpt-4o-mini").respond(MockResponse.stream("a", "b", "c"));
		this.template = CometTemplate.builder()
			.baseUrl(this.mock.baseUrl())
			.apiKey("test-key")
			.models("gpt-4o")
			.build();
		CometClient comet = CometClient.of(this.template);
		ExecutorService callers = Executors.newFixedThreadPool(16);
		try {
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				int kind = i % 4;
				calls.add(callers.submit(() -> {
					switch (kind) {
						case 0 -> assertThat(comet.prompt("Hi").content()).isEqualTo("Hi");
						case 1 -> {
							try (Stream<ChatCompletionChunk> chunks = comet
								.stream(ChatRequest.of("gpt-4o-mini", "Hi"))) {
								assertThat(chunks.count()).isPositive();
							}
						}
						case 2 -> {
							try (Stream<ChatCompletionChunk> chunks = comet
								.stream(ChatRequest.of("gpt-4o-mini", "Hi"))) {
								assertThat(chunks.findFirst()).isPresent();
							}
						}
						default ->
							assertThat(comet.embeddings(EmbeddingRequest.of("text-embedding-3-small", "a")).data())
								.hasSize(1);
					}
					return null;
				}));
			}
			for (Future<?> call : calls) {
				call.get(2, TimeUnit.MINUTES);
			}
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(blockingCalls).isEmpty();
	}

}
