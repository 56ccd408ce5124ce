package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.function.Supplier;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;

/**
 * Fails a {@code Flux} with a given error, cancelling it, when its first element takes
 * longer than one deadline or any later gap between elements longer than another, and
 * with another error when the whole {@code Flux} takes longer than an optional third. An
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

	private final long totalNanos;

	private final DeadlineTimer timer;

	private final Supplier<? extends Throwable> error;

	private final Supplier<? extends Throwable> totalError;

	FluxGapDeadline(Flux<T> source, Duration first, Duration gap, Duration total, DeadlineTimer timer,
			Supplier<? extends Throwable> error, Supplier<? extends Throwable> totalError) {
		this.source = source;
		this.firstNanos = DeadlineTimer.nanos(first);
		this.gapNanos = DeadlineTimer.nanos(gap);
		this.totalNanos = (total != null) ? Math.max(0, DeadlineTimer.nanos(total)) : Long.MAX_VALUE;
		this.timer = timer;
		this.error = error;
		this.totalError = totalError;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		this.source.subscribe(new GapBounded<>(Operators.serialize(actual), this));
	}

	private static final class GapBounded<T> extends DeadlineSubscriber<T> {

		private final long firstNanos;

		private final long gapNanos;

		private final long totalNanos;

		private final Supplier<? extends Throwable> totalError;

		private long startNanos;

		private volatile long lastNanos;

		private volatile boolean started;

		GapBounded(CoreSubscriber<? super T> actual, FluxGapDeadline<T> parent) {
			super(actual, parent.timer, parent.error);
			this.firstNanos = parent.firstNanos;
			this.gapNanos = parent.gapNanos;
			this.totalNanos = parent.totalNanos;
			this.totalError = parent.totalError;
		}

		@Override
		void subscribed() {
			this.startNanos = this.timer.nanoTime();
			this.lastNanos = this.startNanos;
			this.actual.onSubscribe(this);
			arm(Duration.ofNanos(Math.min(this.firstNanos, this.totalNanos)));
		}

		@Override
		public void onNext(T element) {
			if (hasEnded()) {
				Operators.onDiscard(element, this.actual.currentContext());
				return;
			}
			long now = this.timer.nanoTime();
			this.lastNanos = now;
			if (!this.started) {
				this.started = true;
				disarm();
				arm(Duration.ofNanos(Math.max(0, Math.min(this.gapNanos, totalLeft(now)))));
			}
			this.actual.onNext(element);
		}

		@Override
		public void run() {
			if (hasEnded()) {
				return;
			}
			long now = this.timer.nanoTime();
			long allowed = this.started ? this.gapNanos : this.firstNanos;
			long gapLeft = allowed - (now - this.lastNanos);
			long totalLeft = totalLeft(now);
			if (totalLeft <= 0) {
				expire(this.totalError);
			}
			else if (gapLeft <= 0) {
				expire();
			}
			else {
				arm(Duration.ofNanos(Math.min(gapLeft, totalLeft)));
			}
		}

		private long totalLeft(long now) {
			return this.totalNanos - (now - this.startNanos);
		}

	}

}
