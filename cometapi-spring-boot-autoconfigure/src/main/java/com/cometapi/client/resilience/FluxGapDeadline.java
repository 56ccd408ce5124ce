package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.function.Supplier;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;

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
		this.firstNanos = DeadlineTimer.nanos(first);
		this.gapNanos = DeadlineTimer.nanos(gap);
		this.timer = timer;
		this.error = error;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		this.source.subscribe(new GapBounded<>(Operators.serialize(actual), this));
	}

	private static final class GapBounded<T> extends DeadlineSubscriber<T> {

		private final long firstNanos;

		private final long gapNanos;

		private volatile long lastNanos;

		private volatile boolean started;

		GapBounded(CoreSubscriber<? super T> actual, FluxGapDeadline<T> parent) {
			super(actual, parent.timer, parent.error);
			this.firstNanos = parent.firstNanos;
			this.gapNanos = parent.gapNanos;
		}

		@Override
		void subscribed() {
			this.lastNanos = this.timer.nanoTime();
			this.actual.onSubscribe(this);
			arm(Duration.ofNanos(this.firstNanos));
		}

		@Override
		public void onNext(T element) {
			if (hasEnded()) {
				Operators.onDiscard(element, this.actual.currentContext());
				return;
			}
			this.lastNanos = this.timer.nanoTime();
			if (!this.started) {
				this.started = true;
				disarm();
				arm(Duration.ofNanos(this.gapNanos));
			}
			this.actual.onNext(element);
		}

		@Override
		public void run() {
			if (hasEnded()) {
				return;
			}
			long allowed = this.started ? this.gapNanos : this.firstNanos;
			long left = allowed - (this.timer.nanoTime() - this.lastNanos);
			if (left > 0) {
				arm(Duration.ofNanos(left));
			}
			else {
				expire();
			}
		}

	}

}
