package com.cometapi.client;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.util.concurrent.Queues;

import com.cometapi.client.error.CometInterruptedException;

/**
 * A {@link Flux} read as a {@link Stream} on the calling thread. It requests a bounded
 * number of elements ahead of the reader and asks for more only as the reader takes them,
 * so a slow reader slows the source (for a CometAPI stream, the reading of the socket)
 * instead of filling a queue. The source's thread never waits: it hands elements over
 * through a lock-free queue and wakes the reader, who alone parks. Closing the stream
 * cancels the subscription, from any thread: a reader waiting on another thread wakes up,
 * and it and any later read throw an {@link IllegalStateException}, so that a closed
 * stream never passes for a complete one; an interrupt while waiting cancels it too and
 * ends in a {@link CometInterruptedException} with the interrupt flag set again; a
 * failure is thrown as it is.
 *
 * @param <T> the element type
 * @author CometAPI team
 */
final class BlockingStream<T> implements CoreSubscriber<T>, Iterator<T> {

	private final String operation;

	private final int prefetch;

	private final int replenish;

	private final Queue<T> queue;

	private final AtomicReference<Subscription> subscription = new AtomicReference<>();

	private final AtomicLong signals = new AtomicLong();

	private volatile Thread reader;

	private volatile boolean done;

	private volatile Throwable error;

	private volatile boolean finished;

	private volatile boolean closed;

	private int taken;

	private T next;

	private BlockingStream(String operation, int prefetch) {
		this.operation = operation;
		this.prefetch = prefetch;
		this.replenish = prefetch - (prefetch >> 2);
		this.queue = Queues.<T>get(prefetch).get();
	}

	/**
	 * Subscribe to the given source and return its elements as a stream that the caller
	 * must close.
	 * @param <T> the element type
	 * @param operation the name of the operation, for messages
	 * @param source the source
	 * @param prefetch how many elements to request ahead of the reader
	 * @return the stream
	 * @throws IllegalStateException when called on a thread that must not block
	 * @throws CometInterruptedException when the thread is interrupted
	 */
	static <T> Stream<T> open(String operation, Flux<T> source, int prefetch) {
		BlockingCall.requireBlockingAllowed(operation);
		if (Thread.currentThread().isInterrupted()) {
			throw new CometInterruptedException(operation, null);
		}
		BlockingStream<T> subscriber = new BlockingStream<>(operation, prefetch);
		source.subscribe(subscriber);
		Spliterator<T> spliterator = Spliterators.spliteratorUnknownSize(subscriber,
				Spliterator.ORDERED | Spliterator.NONNULL);
		return StreamSupport.stream(spliterator, false).onClose(subscriber::close);
	}

	@Override
	public boolean hasNext() {
		if (this.closed) {
			throw new IllegalStateException("CometClient." + this.operation + " stream is closed");
		}
		if (this.next != null) {
			return true;
		}
		while (!this.finished) {
			long seen = this.signals.get();
			boolean terminated = this.done;
			T element = this.queue.poll();
			if (element != null) {
				this.next = element;
				if (++this.taken == this.replenish) {
					this.taken = 0;
					this.subscription.get().request(this.replenish);
				}
				return true;
			}
			if (terminated) {
				this.finished = true;
				Throwable failure = this.error;
				if (failure != null) {
					throw BlockingCall.rethrown(this.operation, failure);
				}
				return false;
			}
			this.reader = Thread.currentThread();
			if (this.signals.get() == seen) {
				LockSupport.park(this);
			}
			this.reader = null;
			if (this.closed) {
				throw new IllegalStateException("CometClient." + this.operation + " stream is closed");
			}
			if (Thread.interrupted()) {
				cancel();
				Thread.currentThread().interrupt();
				throw new CometInterruptedException(this.operation, null);
			}
		}
		if (this.closed) {
			throw new IllegalStateException("CometClient." + this.operation + " stream is closed");
		}
		return false;
	}

	@Override
	public T next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		T element = this.next;
		this.next = null;
		return element;
	}

	private void close() {
		this.closed = true;
		cancel();
		signal();
	}

	private void cancel() {
		this.finished = true;
		cancelSubscription();
	}

	private void cancelSubscription() {
		Subscription current = this.subscription.getAndSet(BlockingCall.Cancelled.INSTANCE);
		if (current != null) {
			current.cancel();
		}
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		if (this.subscription.compareAndSet(null, subscription)) {
			subscription.request(this.prefetch);
		}
		else {
			subscription.cancel();
		}
	}

	@Override
	public void onNext(T element) {
		if (!this.queue.offer(element)) {
			cancelSubscription();
			this.error = new IllegalStateException(
					"CometClient." + this.operation + " received more elements than it requested");
			this.done = true;
		}
		signal();
	}

	@Override
	public void onError(Throwable failure) {
		this.error = failure;
		this.done = true;
		signal();
	}

	@Override
	public void onComplete() {
		this.done = true;
		signal();
	}

	private void signal() {
		this.signals.incrementAndGet();
		Thread waiting = this.reader;
		if (waiting != null) {
			LockSupport.unpark(waiting);
		}
	}

}
