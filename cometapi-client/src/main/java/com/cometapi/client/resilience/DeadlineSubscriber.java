package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Supplier;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * What {@link MonoDeadline} and {@link FluxGapDeadline} share: a gate that lets exactly
 * one end through (the source's completion or error, the subscriber's cancel, or the
 * deadline), and the timer entry that is disarmed when it does. The timer runs
 * {@link #run()}.
 *
 * @param <T> the value type
 * @author CometAPI team
 */
abstract class DeadlineSubscriber<T> implements CoreSubscriber<T>, Subscription, Runnable {

	@SuppressWarnings("rawtypes")
	private static final AtomicIntegerFieldUpdater<DeadlineSubscriber> ENDED = AtomicIntegerFieldUpdater
		.newUpdater(DeadlineSubscriber.class, "ended");

	final CoreSubscriber<? super T> actual;

	final DeadlineTimer timer;

	private final Supplier<? extends Throwable> error;

	private Subscription upstream;

	private volatile Disposable armed;

	private volatile int ended;

	DeadlineSubscriber(CoreSubscriber<? super T> actual, DeadlineTimer timer, Supplier<? extends Throwable> error) {
		this.actual = actual;
		this.timer = timer;
		this.error = error;
	}

	@Override
	public Context currentContext() {
		return this.actual.currentContext();
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		if (Operators.validate(this.upstream, subscription)) {
			this.upstream = subscription;
			subscribed();
		}
	}

	/**
	 * Called once the source has subscribed: hand this subscription to the subscriber and
	 * arm the first deadline.
	 */
	abstract void subscribed();

	/**
	 * Arm the deadline unless an end already came, replacing the entry armed before.
	 * @param after how long from now
	 */
	final void arm(Duration after) {
		if (this.ended != 0) {
			return;
		}
		Disposable next = this.timer.schedule(this, after);
		this.armed = next;
		if (this.ended != 0) {
			next.dispose();
		}
	}

	/**
	 * Disarm the entry armed last.
	 */
	final void disarm() {
		Disposable last = this.armed;
		if (last != null) {
			last.dispose();
		}
	}

	final boolean hasEnded() {
		return this.ended != 0;
	}

	/**
	 * Let the deadline end the source, unless another end came first.
	 */
	final void expire() {
		expire(this.error);
	}

	/**
	 * Let a deadline end the source with the given error, unless another end came first.
	 * @param error makes the error
	 */
	final void expire(Supplier<? extends Throwable> error) {
		if (ENDED.compareAndSet(this, 0, 1)) {
			Throwable failure = error.get();
			this.upstream.cancel();
			this.actual.onError(failure);
		}
	}

	/**
	 * Take the one end there is, disarming the deadline.
	 * @return whether this was the first end
	 */
	final boolean end() {
		if (!ENDED.compareAndSet(this, 0, 1)) {
			return false;
		}
		disarm();
		return true;
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

}
