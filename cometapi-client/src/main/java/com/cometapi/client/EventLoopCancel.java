package com.cometapi.client;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Function;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.util.context.Context;

/**
 * Cancels an HTTP exchange on the event loop of the connection that carries it.
 * <p>
 * Reactor Netty disposes a pooled connection on the thread that cancels its exchange. A
 * deadline cancels from its timer thread, so when it passes just as the answer arrives,
 * the event loop can finish the response and hand the connection back to the pool, and to
 * the next request, between the canceller's check and its close: the next request is then
 * written and answered, and fails with "Connection prematurely closed BEFORE response".
 * On the event loop a cancel sees one state or the other: the exchange still owns the
 * connection and closes it, or the connection is back in the pool and the cancel leaves
 * it alone.
 * <p>
 * {@link #track(HttpClient)} lets the client record each request's channel;
 * {@link #bind(Mono)} and {@link #bind(Flux)} wrap an exchange so that its cancel runs on
 * that channel's event loop. An exchange cancelled before its request was prepared has no
 * answer that could race, and is cancelled at once; one atomic state, shared by the
 * cancel and the request, makes sure that a request prepared after such a cancel closes
 * its connection instead of leaving it acquired.
 *
 * @param <T> the element type
 * @author CometAPI team
 */
final class EventLoopCancel<T> implements CoreSubscriber<T>, Subscription {

	private static final Object KEY = EventLoopCancel.class;

	private static final Object CANCELLED = new Object();

	@SuppressWarnings("rawtypes")
	private static final AtomicReferenceFieldUpdater<EventLoopCancel, Object> STATE = AtomicReferenceFieldUpdater
		.newUpdater(EventLoopCancel.class, Object.class, "state");

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static final Function OPERATOR = Operators
		.lift((scannable, actual) -> new EventLoopCancel<>((CoreSubscriber) actual));

	private final CoreSubscriber<? super T> actual;

	private final Context context;

	private Subscription upstream;

	/**
	 * {@code null} before the request, then the channel it goes out on, or
	 * {@link #CANCELLED}.
	 */
	private volatile Object state;

	private EventLoopCancel(CoreSubscriber<? super T> actual) {
		this.actual = actual;
		this.context = actual.currentContext().put(KEY, this);
	}

	/**
	 * Return the client with a hook that tells each bound exchange the channel its
	 * request goes out on.
	 * @param client the client
	 * @return the client with the hook
	 */
	static HttpClient track(HttpClient client) {
		return client.doOnRequest(EventLoopCancel::onRequest);
	}

	/**
	 * Make an exchange cancel on its connection's event loop.
	 * @param <T> the value type
	 * @param exchange the exchange, made by a {@link #track(HttpClient) tracked} client
	 * @return the exchange, whose cancel runs on the event loop
	 */
	@SuppressWarnings("unchecked")
	static <T> Mono<T> bind(Mono<T> exchange) {
		return (Mono<T>) exchange.transform(OPERATOR);
	}

	/**
	 * Make an exchange cancel on its connection's event loop.
	 * @param <T> the element type
	 * @param exchange the exchange, made by a {@link #track(HttpClient) tracked} client
	 * @return the exchange, whose cancel runs on the event loop
	 */
	@SuppressWarnings("unchecked")
	static <T> Flux<T> bind(Flux<T> exchange) {
		return (Flux<T>) exchange.transform(OPERATOR);
	}

	private static void onRequest(HttpClientRequest request, Connection connection) {
		request.currentContextView()
			.<EventLoopCancel<?>>getOrEmpty(KEY)
			.ifPresent((exchange) -> exchange.requesting(connection));
	}

	private void requesting(Connection connection) {
		Object current;
		do {
			current = this.state;
			if (current == CANCELLED) {
				connection.dispose();
				return;
			}
		}
		while (!STATE.compareAndSet(this, current, connection.channel()));
	}

	@Override
	public Context currentContext() {
		return this.context;
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		if (Operators.validate(this.upstream, subscription)) {
			this.upstream = subscription;
			this.actual.onSubscribe(this);
		}
	}

	@Override
	public void onNext(T item) {
		this.actual.onNext(item);
	}

	@Override
	public void onError(Throwable error) {
		this.actual.onError(error);
	}

	@Override
	public void onComplete() {
		this.actual.onComplete();
	}

	@Override
	public void request(long n) {
		this.upstream.request(n);
	}

	@Override
	public void cancel() {
		Object current = STATE.getAndSet(this, CANCELLED);
		if (current == CANCELLED) {
			return;
		}
		Channel channel = (Channel) current;
		EventLoop loop = (channel != null) ? channel.eventLoop() : null;
		if (loop == null || loop.inEventLoop()) {
			this.upstream.cancel();
			return;
		}
		try {
			loop.execute(this.upstream::cancel);
		}
		catch (RejectedExecutionException ex) {
			this.upstream.cancel();
		}
	}

}
