package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Supplier;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Fails a {@code Flux} with a given error, cancelling it, when its first element takes
 * longer than one deadline or any later gap between elements longer than another. An
 * element only records when it came: the timer entry is re-armed for the rest of the gap
 * when it fires early, so a stream of many elements costs one volatile write each rather
 * than a timer per element, as
 * {@link Flux#timeout(org.reactivestreams.Publisher, java.util.function.Function)} does.
 *
 * @param <T> the element type
 * @author CometAPI team
 */
final class FluxGapDeadline<T> extends Flux<T> {

	private final Flux<T> source;

	private final long firstNanos;

	private final long gapNanos;

	private final DeadlineTimer timer;

	private final Supplier<? extends Throwable> error;

	FluxGapDeadline(Flux<T> source, Duration first, Duration gap, DeadlineTimer timer,
			Supplier<? extends Throwable> error) {
		this.source = source;
		this.firstNanos = first.toNanos();
		this.gapNanos = gap.toNanos();
		this.timer = timer;
		this.error = error;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		this.source.subscribe(new GapSubscriber<>(Operators.serialize(actual), this));
	}

	private static final class GapSubscriber<T> implements CoreSubscriber<T>, Subscription, Runnable {

		private static final AtomicIntegerFieldUpdater<GapSubscriber> ENDED = AtomicIntegerFieldUpdater
			.newUpdater(GapSubscriber.class, "ended");

		private final CoreSubscriber<? super T> actual;

		private final FluxGapDeadline<T> parent;

		private Subscription upstream;

		private volatile long lastNanos;

		private volatile boolean started;

		private volatile Disposable armed;

		private volatile int ended;

		GapSubscriber(CoreSubscriber<? super T> actual, FluxGapDeadline<T> parent) {
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
				this.lastNanos = this.parent.timer.nanoTime();
				this.actual.onSubscribe(this);
				arm(this.parent.firstNanos);
			}
		}

		private void arm(long nanos) {
			if (this.ended != 0) {
				return;
			}
			Disposable next = this.parent.timer.schedule(this, Duration.ofNanos(nanos));
			this.armed = next;
			if (this.ended != 0) {
				next.dispose();
			}
		}

		@Override
		public void onNext(T element) {
			if (this.ended != 0) {
				Operators.onDiscard(element, this.actual.currentContext());
				return;
			}
			this.lastNanos = this.parent.timer.nanoTime();
			if (!this.started) {
				this.started = true;
				Disposable first = this.armed;
				if (first != null) {
					first.dispose();
				}
				arm(this.parent.gapNanos);
			}
			this.actual.onNext(element);
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
			if (this.ended != 0) {
				return;
			}
			long allowed = this.started ? this.parent.gapNanos : this.parent.firstNanos;
			long left = allowed - (this.parent.timer.nanoTime() - this.lastNanos);
			if (left > 0) {
				arm(left);
				return;
			}
			if (ENDED.compareAndSet(this, 0, 1)) {
				this.upstream.cancel();
				this.actual.onError(this.parent.error.get());
			}
		}

		private boolean end() {
			if (!ENDED.compareAndSet(this, 0, 1)) {
				return false;
			}
			Disposable last = this.armed;
			if (last != null) {
				last.dispose();
			}
			return true;
		}

	}

}
