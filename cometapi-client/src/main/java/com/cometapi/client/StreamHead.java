package com.cometapi.client;

import java.util.function.Supplier;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Splits a stream at its first element without subscribing twice: the {@code Mono} emits
 * once the first element has arrived (or fails if the stream fails or ends before), and
 * the {@code Flux} it emits replays that element, then continues the same subscription
 * under its subscriber's demand. A failure before the first element is the
 * {@code Mono}'s, so a retry can still help; every later signal is the {@code Flux}'s.
 * Signals after the first element are passed on without locking; only the hand-over of a
 * terminal signal that races the tail's subscription is guarded. Cancelling the
 * {@code Mono} before it delivered the {@code Flux}, or the {@code Flux} before its tail
 * is subscribed, cancels the source: a dropped answer never leaves its connection open.
 *
 * @param <T> the element type
 * @author CometAPI team
 */
final class StreamHead<T> implements CoreSubscriber<T> {

	private final MonoSink<Flux<T>> sink;

	private final Object lock = new Object();

	private Subscription upstream;

	private volatile boolean handedOver;

	private volatile boolean cancelled;

	private volatile CoreSubscriber<? super T> tail;

	private Throwable pendingError;

	private boolean pendingComplete;

	private StreamHead(MonoSink<Flux<T>> sink) {
		this.sink = sink;
	}

	/**
	 * Wait for the first element of a stream.
	 * @param <T> the element type
	 * @param source the stream, subscribed once when the {@code Mono} is
	 * @param emptyError the failure of a stream that ends with no element
	 * @return the stream from its first element on
	 */
	static <T> Mono<Flux<T>> of(Flux<T> source, Supplier<Throwable> emptyError) {
		return Mono.<Flux<T>>create((sink) -> {
			StreamHead<T> head = new StreamHead<>(sink);
			sink.onCancel(head::cancel);
			source.subscribe(head);
		}).onErrorMap(EmptyStream.class, (ex) -> emptyError.get());
	}

	@Override
	public Context currentContext() {
		return Context.of(this.sink.contextView());
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		if (Operators.validate(this.upstream, subscription)) {
			this.upstream = subscription;
			if (this.cancelled) {
				subscription.cancel();
				return;
			}
			subscription.request(1);
		}
	}

	@Override
	public void onNext(T item) {
		if (this.handedOver) {
			CoreSubscriber<? super T> subscriber = this.tail;
			if (subscriber != null) {
				subscriber.onNext(item);
			}
			else {
				Operators.onNextDropped(item, currentContext());
			}
			return;
		}
		this.handedOver = true;
		this.sink.success(Flux.concat(Mono.just(item), new Tail()).doOnCancel(this::cancel));
	}

	@Override
	public void onError(Throwable error) {
		if (!this.handedOver) {
			this.sink.error(error);
			return;
		}
		CoreSubscriber<? super T> subscriber;
		synchronized (this.lock) {
			subscriber = this.tail;
			if (subscriber == null) {
				this.pendingError = error;
				return;
			}
		}
		subscriber.onError(error);
	}

	@Override
	public void onComplete() {
		if (!this.handedOver) {
			this.sink.error(new EmptyStream());
			return;
		}
		CoreSubscriber<? super T> subscriber;
		synchronized (this.lock) {
			subscriber = this.tail;
			if (subscriber == null) {
				this.pendingComplete = true;
				return;
			}
		}
		subscriber.onComplete();
	}

	/**
	 * Cancel the source: the sink calls this only when it was cancelled before it
	 * delivered the answer, which it then drops, and the answer when it was cancelled.
	 */
	private void cancel() {
		this.cancelled = true;
		Subscription subscription = this.upstream;
		if (subscription != null) {
			subscription.cancel();
		}
	}

	/**
	 * The elements after the first: one subscriber, whose demand and cancellation go
	 * straight to the source.
	 */
	private final class Tail extends Flux<T> implements Subscription {

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			Throwable error;
			boolean complete;
			synchronized (StreamHead.this.lock) {
				if (StreamHead.this.tail != null) {
					Operators.error(actual, new IllegalStateException("A CometAPI stream can be subscribed only once"));
					return;
				}
				StreamHead.this.tail = actual;
				error = StreamHead.this.pendingError;
				complete = StreamHead.this.pendingComplete;
			}
			actual.onSubscribe(this);
			if (error != null) {
				actual.onError(error);
			}
			else if (complete) {
				actual.onComplete();
			}
		}

		@Override
		public void request(long n) {
			StreamHead.this.upstream.request(n);
		}

		@Override
		public void cancel() {
			StreamHead.this.upstream.cancel();
		}

	}

	private static final class EmptyStream extends RuntimeException {

		EmptyStream() {
			super("stream ended before its first element", null, false, false);
		}

	}

}
