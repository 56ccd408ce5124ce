package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeadlineTimer}.
 */
class DeadlineTimerTests {

	private final ManualTimer timer = new ManualTimer();

	@Test
	void passesTheValueAndDisarmsTheDeadline() {
		Sinks.One<String> answer = Sinks.one();
		StepVerifier.create(this.timer.bound(answer.asMono(), Duration.ofSeconds(5), TimeoutException::new))
			.then(() -> answer.tryEmitValue("answer"))
			.expectNext("answer")
			.verifyComplete();
		assertThat(this.timer.armed).hasSize(1);
		assertThat(this.timer.armed.get(0).disposed).isTrue();
		assertThat(this.timer.armed.get(0).after).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void failsWithTheGivenErrorAndCancelsTheSourceWhenTheDeadlinePasses() {
		AtomicInteger cancels = new AtomicInteger();
		Mono<String> bounded = this.timer.bound(Mono.<String>never().doOnCancel(cancels::incrementAndGet),
				Duration.ofSeconds(5), () -> new TimeoutException("call deadline"));
		StepVerifier.create(bounded)
			.then(() -> this.timer.armed.get(0).task.run())
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOf(TimeoutException.class).hasMessage("call deadline"))
			.verify(Duration.ofSeconds(5));
		assertThat(cancels).hasValue(1);
	}

	@Test
	void letsExactlyOneEndThroughWhenTheSourceAnswersAfterTheDeadline() {
		Sinks.One<String> answer = Sinks.one();
		StepVerifier.create(this.timer.bound(answer.asMono(), Duration.ofSeconds(5), TimeoutException::new))
			.then(() -> this.timer.armed.get(0).task.run())
			.then(() -> answer.tryEmitValue("late"))
			.expectError(TimeoutException.class)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void ignoresADeadlineThatPassesAfterTheSourceEnded() {
		Sinks.One<String> answer = Sinks.one();
		StepVerifier.create(this.timer.bound(answer.asMono(), Duration.ofSeconds(5), TimeoutException::new))
			.then(() -> answer.tryEmitValue("in time"))
			.then(() -> this.timer.armed.get(0).task.run())
			.expectNext("in time")
			.verifyComplete();
	}

	@Test
	void cancellingDisarmsTheDeadline() {
		Disposable call = this.timer.bound(Mono.never(), Duration.ofSeconds(5), TimeoutException::new).subscribe();
		call.dispose();
		assertThat(this.timer.armed.get(0).disposed).isTrue();
	}

	@Test
	void armsNothingWhenTheSourceAnswersAsSoonAsItIsAsked() {
		StepVerifier.create(this.timer.bound(Mono.just("at once"), Duration.ofSeconds(5), TimeoutException::new))
			.expectNext("at once")
			.verifyComplete();
		assertThat(this.timer.armed).isEmpty();
	}

	@Test
	void theSharedWheelFiresADeadline() {
		StepVerifier
			.create(DeadlineTimer.wheel()
				.bound(Mono.never(), Duration.ofMillis(20), () -> new TimeoutException("wheel deadline")))
			.expectErrorMessage("wheel deadline")
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void theWheelRunsNoExpiryOnItsOwnThreadSoABlockingCallbackDelaysNoOtherDeadline() throws Exception {
		CountDownLatch secondExpired = new CountDownLatch(1);
		CompletableFuture<Boolean> firstSawSecond = new CompletableFuture<>();
		AtomicReference<String> expiryThread = new AtomicReference<>();
		DeadlineTimer.wheel()
			.bound(Mono.never(), Duration.ofMillis(10), TimeoutException::new)
			.subscribe(null, (ex) -> {
				expiryThread.set(Thread.currentThread().getName());
				try {
					firstSawSecond.complete(secondExpired.await(10, TimeUnit.SECONDS));
				}
				catch (InterruptedException interrupted) {
					firstSawSecond.complete(false);
				}
			});
		DeadlineTimer.wheel()
			.bound(Mono.never(), Duration.ofMillis(50), TimeoutException::new)
			.subscribe(null, (ex) -> secondExpired.countDown());
		assertThat(firstSawSecond.get(30, TimeUnit.SECONDS)).isTrue();
		assertThat(expiryThread.get()).doesNotStartWith("cometapi-deadline");
	}

	@Test
	void aDeadlineTooLongToCountInNanosecondsNeverPasses() {
		StepVerifier
			.create(DeadlineTimer.wheel()
				.bound(Mono.just("answer").delayElement(Duration.ofMillis(1)), Duration.ofSeconds(Long.MAX_VALUE),
						TimeoutException::new))
			.expectNext("answer")
			.verifyComplete();
		StepVerifier
			.create(DeadlineTimer.wheel()
				.boundGaps(Flux.just("a", "b").delayElements(Duration.ofMillis(1)), Duration.ofSeconds(Long.MAX_VALUE),
						Duration.ofDays(365_000), TimeoutException::new))
			.expectNext("a", "b")
			.verifyComplete();
	}

	@Test
	void failsAStreamWhoseFirstElementIsLate() {
		Sinks.Many<String> chunks = Sinks.many().unicast().onBackpressureBuffer();
		AtomicInteger cancels = new AtomicInteger();
		Flux<String> bounded = this.timer.boundGaps(chunks.asFlux().doOnCancel(cancels::incrementAndGet),
				Duration.ofSeconds(5), Duration.ofSeconds(1), () -> new TimeoutException("no chunk"));
		StepVerifier.create(bounded).then(() -> {
			this.timer.nanos += Duration.ofSeconds(5).toNanos();
			this.timer.armed.get(0).task.run();
		}).expectErrorMessage("no chunk").verify(Duration.ofSeconds(5));
		assertThat(this.timer.armed.get(0).after).isEqualTo(Duration.ofSeconds(5));
		assertThat(cancels).hasValue(1);
	}

	@Test
	void switchesToTheGapDeadlineAtTheFirstElementAndReArmsForTheRestOfAGap() {
		Sinks.Many<String> chunks = Sinks.many().unicast().onBackpressureBuffer();
		StepVerifier
			.create(this.timer.boundGaps(chunks.asFlux(), Duration.ofSeconds(30), Duration.ofSeconds(1),
					() -> new TimeoutException("stalled")))
			.then(() -> chunks.tryEmitNext("a"))
			.expectNext("a")
			.then(() -> {
				assertThat(this.timer.armed.get(0).disposed).as("first-element deadline disarmed").isTrue();
				assertThat(this.timer.armed.get(1).after).isEqualTo(Duration.ofSeconds(1));
				this.timer.nanos += Duration.ofMillis(600).toNanos();
				chunks.tryEmitNext("b");
			})
			.expectNext("b")
			.then(() -> {
				this.timer.nanos += Duration.ofMillis(400).toNanos();
				this.timer.armed.get(1).task.run();
				assertThat(this.timer.armed).hasSize(3);
				assertThat(this.timer.armed.get(2).after).isEqualTo(Duration.ofMillis(600));
				this.timer.nanos += Duration.ofMillis(600).toNanos();
				this.timer.armed.get(2).task.run();
			})
			.expectErrorMessage("stalled")
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void failsAStreamThatKeepsComingPastItsTotalDeadline() {
		Sinks.Many<String> chunks = Sinks.many().unicast().onBackpressureBuffer();
		AtomicInteger cancels = new AtomicInteger();
		Flux<String> bounded = this.timer.boundGaps(chunks.asFlux().doOnCancel(cancels::incrementAndGet),
				Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMillis(2500),
				() -> new TimeoutException("stalled"), () -> new TimeoutException("too long"));
		StepVerifier.create(bounded).then(() -> chunks.tryEmitNext("a")).expectNext("a").then(() -> {
			for (int i = 0; i < 3; i++) {
				this.timer.nanos += Duration.ofMillis(800).toNanos();
				chunks.tryEmitNext("b");
				this.timer.armed.get(this.timer.armed.size() - 1).task.run();
			}
		}).expectNext("b", "b", "b").then(() -> {
			this.timer.nanos += Duration.ofMillis(100).toNanos();
			this.timer.armed.get(this.timer.armed.size() - 1).task.run();
		}).expectErrorMessage("too long").verify(Duration.ofSeconds(5));
		assertThat(cancels).hasValue(1);
	}

	@Test
	void boundsTheFirstElementByTheTotalDeadlineWhenItIsShorter() {
		Flux<String> bounded = this.timer.boundGaps(Flux.never(), Duration.ofSeconds(30), Duration.ofSeconds(1),
				Duration.ofSeconds(2), () -> new TimeoutException("no chunk"), () -> new TimeoutException("too long"));
		StepVerifier.create(bounded).then(() -> {
			assertThat(this.timer.armed.get(0).after).isEqualTo(Duration.ofSeconds(2));
			this.timer.nanos += Duration.ofSeconds(2).toNanos();
			this.timer.armed.get(0).task.run();
		}).expectErrorMessage("too long").verify(Duration.ofSeconds(5));
	}

	@Test
	void takesADeadlineTooLongForNanosecondsAsNoDeadline() {
		Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
		StepVerifier
			.create(this.timer.boundGaps(Flux.just("a", "b"), forever, forever, forever, TimeoutException::new,
					TimeoutException::new))
			.expectNext("a", "b")
			.verifyComplete();
		assertThat(this.timer.armed.get(0).after).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
	}

	@Test
	void disarmsWhenAStreamCompletes() {
		StepVerifier
			.create(this.timer.boundGaps(Flux.just("a", "b"), Duration.ofSeconds(5), Duration.ofSeconds(1),
					TimeoutException::new))
			.expectNext("a", "b")
			.verifyComplete();
		assertThat(this.timer.armed).allSatisfy((armed) -> assertThat(armed.disposed).isTrue());
	}

	private static final class ManualTimer extends DeadlineTimer {

		final List<Armed> armed = new ArrayList<>();

		long nanos;

		@Override
		public long nanoTime() {
			return this.nanos;
		}

		@Override
		Disposable schedule(Runnable task, Duration after) {
			Armed armed = new Armed(task, after);
			this.armed.add(armed);
			return armed;
		}

	}

	private static final class Armed implements Disposable {

		final Runnable task;

		final Duration after;

		volatile boolean disposed;

		Armed(Runnable task, Duration after) {
			this.task = task;
			this.after = after;
		}

		@Override
		public void dispose() {
			this.disposed = true;
		}

		@Override
		public boolean isDisposed() {
			return this.disposed;
		}

	}

}
