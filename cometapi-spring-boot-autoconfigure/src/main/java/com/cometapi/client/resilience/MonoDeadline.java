package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Supplier;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

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
		this.source.subscribe(new DeadlineSubscriber<>(actual, this));
	}

	private static final class DeadlineSubscriber<T> implements CoreSubscriber<T>, Subscription, Runnable {

		private static final AtomicIntegerFieldUpdater<DeadlineSubscriber> ENDED = AtomicIntegerFieldUpdater
			.newUpdater(DeadlineSubscriber.class, "ended");

		private final CoreSubscriber<? super T> actual;

		private final MonoDeadline<T> parent;

		private Subscription upstream;

		private volatile Disposable timeout;

		private volatile int ended;

		DeadlineSubscriber(CoreSubscriber<? super T> actual, MonoDeadline<T> parent) {
			this.actual = actual;
			this.parent = parent;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.validate(this.upstream, subscription)) {
				this.upstream = subscription;
				this.actual.onSubscribe(this);
				arm();
			}
		}

		private void arm() {
			if (this.ended != 0) {
				return;
			}
			Disposable armed = this.parent.timer.schedule(this, this.parent.deadline);
			this.timeout = armed;
			if (this.ended != 0) {
				armed.dispose();
			}
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
		public void onError(Throwable ex) {
			if (end()) {
				this.actual.onError(ex);
			}
			else {
				Operators.onErrorDropped(ex, this.actual.currentContext());
			}
		}

		@Override
		public void onComplete() {
			if (end()) {
				this.actual.onComplete();
			}
		}

		@Override
		public void request(long n) {
			this.upstream.request(n);
		}

		@Override
		public void cancel() {
			if (end()) {
				this.upstream.cancel();
			}
		}

		@Override
		public void run() {
			if (ENDED.compareAndSet(this, 0, 1)) {
				this.upstream.cancel();
				this.actual.onError(this.parent.error.get());
			}
		}

		private boolean end() {
			if (!ENDED.compareAndSet(this, 0, 1)) {
				return false;
			}
			Disposable armed = this.timeout;
			if (armed != null) {
				armed.dispose();
			}
			return true;
		}

	}

}
