package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.function.Supplier;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * Fails a {@code Mono} with a given error when it has not ended within a deadline,
 * cancelling it. Unlike {@link Mono#timeout(Duration)}, it names nothing and schedules
 * nothing on a Reactor scheduler per subscription: one {@link DeadlineTimer} entry,
 * disarmed when the source ends, and one gate that lets exactly one of the source's end
 * and the deadline through.
 *
 * @param <T> the value type
 * @author CometAPI team
 */
final class MonoDeadline<T> extends Mono<T> {

	private final Mono<T> source;

	private final Duration deadline;

	private final DeadlineTimer timer;

	private final Supplier<? extends Throwable> error;

	MonoDeadline(Mono<T> source, Duration deadline, DeadlineTimer timer, Supplier<? extends Throwable> error) {
		this.source = source;
		this.deadline = deadline;
		this.timer = timer;
		this.error = error;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		this.source.subscribe(new Bounded<>(actual, this));
	}

	private static final class Bounded<T> extends DeadlineSubscriber<T> {

		private final Duration deadline;

		Bounded(CoreSubscriber<? super T> actual, MonoDeadline<T> parent) {
			super(actual, parent.timer, parent.error);
			this.deadline = parent.deadline;
		}

		@Override
		void subscribed() {
			this.actual.onSubscribe(this);
			arm(this.deadline);
		}

		@Override
		public void onNext(T value) {
			if (end()) {
				this.actual.onNext(value);
				this.actual.onComplete();
			}
			else {
				Operators.onDiscard(value, this.actual.currentContext());
			}
		}

		@Override
		public void run() {
			expire();
		}

	}

}
