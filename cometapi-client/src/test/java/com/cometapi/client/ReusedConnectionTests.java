package com.cometapi.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.test.scheduler.VirtualTimeScheduler;

import com.cometapi.client.error.CometTimeoutException;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.CometApiMockServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of a pooled connection whose exchange is cancelled by a deadline just as its
 * answer arrives, while the next request waits for that connection: the cancel must not
 * close the connection under the next request.
 */
class ReusedConnectionTests {

	private static final Duration BOUND = Duration.ofSeconds(30);

	@RegisterExtension
	final CometApiMockServerExtension mockExtension = new CometApiMockServerExtension();

	private final CometApiMockServer mock = this.mockExtension.server();

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final CountDownLatch firstAnswerArrived = new CountDownLatch(1);

	private final CountDownLatch firstDeadlinePassed = new CountDownLatch(1);

	private final AtomicBoolean first = new AtomicBoolean(true);

	private final CometTemplate template = CometTemplate.builder()
		.baseUrl(this.mock.baseUrl())
		.apiKey("test-key")
		.maxConnections(1)
		.retry(new RetrySettings(1, Duration.ofMillis(1), 2.0, Duration.ofMillis(1), Jitter.NONE, true))
		.retryBudget(RetryBudget.unlimited())
		.responseTimeout(Duration.ofSeconds(1))
		.streamFirstChunkTimeout(Duration.ofSeconds(1))
		.timeout(Duration.ofMinutes(1))
		.scheduler(this.time)
		.webClientCustomizer((builder) -> builder.filter(this::holdFirstAnswer))
		.build();

	@AfterEach
	void close() {
		this.firstDeadlinePassed.countDown();
		this.template.close();
	}

	@ParameterizedTest(name = "next call streamed: {0}")
	@ValueSource(booleans = { false, true })
	void deadlinePassingAsTheAnswerArrivesLeavesTheConnectionToTheNextRequest(boolean streamed) {
		CompletableFuture<ChatCompletion> late = this.template.chat("late", "Hi").toFuture();
		await().atMost(BOUND).until(() -> this.firstAnswerArrived.getCount() == 0 && this.mock.inFlight() == 0);
		this.time.advanceTimeBy(Duration.ofMillis(500));
		CompletableFuture<?> next = (streamed ? this.template.stream(ChatRequest.of("next", "Hi")).collectList()
				: this.template.chat("next", "Hi"))
			.toFuture();
		await().atMost(BOUND).until(() -> this.template.getConnectionPoolStats().pending() == 1);
		this.time.advanceTimeBy(Duration.ofMillis(500));
		this.firstDeadlinePassed.countDown();
		assertThat(late).failsWithin(BOUND)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(CometTimeoutException.class);
		assertThat(next).succeedsWithin(BOUND);
		assertThat(this.mock.requestCount("next")).isOne();
		assertThat(this.mock.requestCount("late")).isOne();
		assertThat(this.template.getConnectionPoolStats().allocated()).as("connections opened").isOne();
	}

	/**
	 * Make the first request's connection hold its first read, the answer, on the event
	 * loop, as a busy loop would, until the test has let that exchange's deadline pass.
	 */
	private Mono<ClientResponse> holdFirstAnswer(ClientRequest request, ExchangeFunction next) {
		if (!this.first.compareAndSet(true, false)) {
			return next.exchange(request);
		}
		return next.exchange(ClientRequest.from(request)
			.httpRequest(
					(http) -> ((Connection) http.getNativeRequest()).channel().pipeline().addFirst(new HoldFirstRead()))
			.build());
	}

	/**
	 * Blocks the event loop in its first read until the first deadline has passed.
	 */
	private final class HoldFirstRead extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) throws Exception {
			context.pipeline().remove(this);
			ReusedConnectionTests.this.firstAnswerArrived.countDown();
			ReusedConnectionTests.this.firstDeadlinePassed.await(BOUND.toSeconds(), TimeUnit.SECONDS);
			context.fireChannelRead(message);
		}

	}

}
