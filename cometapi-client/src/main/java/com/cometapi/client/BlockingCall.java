package com.cometapi.client;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import com.cometapi.client.error.CometInterruptedException;

/**
 * Waits on the calling thread for the one value of a {@link Mono}. Unlike
 * {@link Mono#block()}, an interrupt cancels the subscription (which gives back the
 * call's permit and closes its connection) and ends in a
 * {@link CometInterruptedException} with the interrupt flag set again, and a failure is
 * thrown as it is, never wrapped. A call that ended before the interrupt was seen is not
 * thrown away: its outcome is given, with the interrupt flag set.
 * <p>
 * The subscriber is its own latch and holds its subscription in a field updated
 * atomically, as {@code Mono.block()}'s does, so that a call allocates no more than
 * {@code block()} would.
 *
 * @param <T> the value's type
 * @author CometAPI team
 */
final class BlockingCall<T> extends CountDownLatch implements CoreSubscriber<T> {

	@SuppressWarnings("rawtypes")
	private static final AtomicReferenceFieldUpdater<BlockingCall, Subscription> SUBSCRIPTION = AtomicReferenceFieldUpdater
		.newUpdater(BlockingCall.class, Subscription.class, "subscription");

	private volatile Subscription subscription;

	private volatile T value;

	private volatile Throwable error;

	private BlockingCall() {
		super(1);
	}

	/**
	 * Subscribe to the given call and wait for its value.
	 * @param <T> the value's type
	 * @param operation the name of the operation, for messages
	 * @param call the call
	 * @return the value, or {@code null} when the call completed empty
	 * @throws IllegalStateException when called on a thread that must not block
	 * @throws CometInterruptedException when the thread is interrupted
	 */
	static <T> T await(String operation, Mono<T> call) {
		requireBlockingAllowed(operation);
		if (Thread.currentThread().isInterrupted()) {
			throw new CometInterruptedException(operation, null);
		}
		BlockingCall<T> subscriber = new BlockingCall<>();
		call.subscribe(subscriber);
		try {
			if (subscriber.getCount() != 0) {
				subscriber.await();
			}
		}
		catch (InterruptedException ex) {
			subscriber.cancel();
			Thread.currentThread().interrupt();
			if (subscriber.getCount() != 0) {
				throw new CometInterruptedException(operation, ex);
			}
		}
		Throwable failure = subscriber.error;
		if (failure != null) {
			throw rethrown(operation, failure);
		}
		return subscriber.value;
	}

	/**
	 * Fail fast on a thread that must not block, such as a Reactor Netty event loop or a
	 * {@link Schedulers#parallel()} worker.
	 * @param operation the name of the operation, for the message
	 */
	static void requireBlockingAllowed(String operation) {
		if (Schedulers.isInNonBlockingThread()) {
			throw new IllegalStateException("CometClient." + operation + " blocks, and thread "
					+ Thread.currentThread().getName() + " must not block (it is an event loop or a "
					+ "non-blocking scheduler's worker): use the reactive CometTemplate (CometOperations) here");
		}
	}

	/**
	 * Return the given failure to throw on the calling thread: unchecked ones as they
	 * are; checked ones (which the client never sends) wrapped in an
	 * {@link IllegalStateException}.
	 */
	static RuntimeException rethrown(String operation, Throwable failure) {
		if (failure instanceof RuntimeException runtime) {
			return runtime;
		}
		if (failure instanceof Error fatal) {
			throw fatal;
		}
		return new IllegalStateException("CometClient." + operation + " failed", failure);
	}

	private void cancel() {
		Subscription current = SUBSCRIPTION.getAndSet(this, Cancelled.INSTANCE);
		if (current != null) {
			current.cancel();
		}
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		if (SUBSCRIPTION.compareAndSet(this, null, subscription)) {
			subscription.request(Long.MAX_VALUE);
		}
		else {
			subscription.cancel();
		}
	}

	@Override
	public void onNext(T next) {
		this.value = next;
	}

	@Override
	public void onError(Throwable failure) {
		this.error = failure;
		countDown();
	}

	@Override
	public void onComplete() {
		countDown();
	}

	/**
	 * Stands for a subscription cancelled before it arrived.
	 */
	enum Cancelled implements Subscription {

		INSTANCE;

		@Override
		public void request(long n) {
		}

		@Override
		public void cancel() {
		}

	}

}
