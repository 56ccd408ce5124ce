package com.cometapi.test;

import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;

/**
 * One request of a {@link CometApiMockServer} while it is answered: its id, the capacity
 * and counters it arrived under, and how it ended.
 */
final class MockExchange {

	private final String requestId;

	private final RequestRecorder recorder;

	private final RequestRecorder.Counters counters;

	private final MockCapacity capacity;

	private final AtomicBoolean finished = new AtomicBoolean();

	private volatile boolean admitted;

	/**
	 * Whether the server has handed over its last bytes or closes the connection on
	 * purpose: a connection closing after that is not a client disconnect.
	 */
	private volatile boolean endedByServer;

	private final Sinks.Empty<Void> gone = Sinks.empty();

	private volatile Runnable unwatch;

	MockExchange(String requestId, RequestRecorder recorder, MockCapacity capacity) {
		this.requestId = requestId;
		this.recorder = recorder;
		this.capacity = capacity;
		this.counters = recorder.started();
	}

	String requestId() {
		return this.requestId;
	}

	/**
	 * Take a slot of the capacity limits.
	 * @return whether the request is admitted
	 */
	boolean admit() {
		if (!this.capacity.tryAcquire()) {
			return false;
		}
		this.admitted = true;
		return true;
	}

	long retryAfterSeconds() {
		return this.capacity.retryAfterSeconds();
	}

	void rateLimited() {
		this.counters.rateLimited();
	}

	void endedByServer() {
		this.endedByServer = true;
	}

	/**
	 * Completes when the client's connection closes.
	 */
	Mono<Void> gone() {
		return this.gone.asMono();
	}

	/**
	 * Finish the exchange as soon as the connection closes, even if the response is still
	 * being written.
	 */
	void watch(Channel channel) {
		ChannelFutureListener listener = (future) -> {
			finish(SignalType.CANCEL);
			this.gone.tryEmitEmpty();
		};
		this.unwatch = () -> channel.closeFuture().removeListener(listener);
		channel.closeFuture().addListener(listener);
	}

	/**
	 * Release the request's slot and count it as ended; only the first call counts.
	 */
	void finish(SignalType signal) {
		if (!this.finished.compareAndSet(false, true)) {
			return;
		}
		Runnable unwatch = this.unwatch;
		if (unwatch != null) {
			unwatch.run();
		}
		if (this.admitted) {
			this.capacity.release();
		}
		this.recorder.finished(this.counters, signal != SignalType.ON_COMPLETE && !this.endedByServer);
	}

}
