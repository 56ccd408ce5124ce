package com.cometapi.test;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The answers a {@link CometApiMockServer} gives to chat and embeddings requests for one
 * model (or, for {@link CometApiMockServer#anyModel()}, for every model). Queued
 * responses are used first, one per request, in order; then the default given to
 * {@link #respond(MockResponse)}, for every further request.
 * <p>
 * A per-model script has no default until {@link #respond(MockResponse)} is called: while
 * its queue is empty it defers to {@link CometApiMockServer#anyModel()}, whose default is
 * {@link MockResponse#ok()}. Thread-safe.
 */
public final class ModelScript {

	private final Queue<MockResponse> queue = new ConcurrentLinkedQueue<>();

	private final MockResponse initialDefault;

	private volatile MockResponse defaultResponse;

	ModelScript(MockResponse initialDefault) {
		this.initialDefault = initialDefault;
		this.defaultResponse = initialDefault;
	}

	/**
	 * Queue responses, answered in order, one per request, before the default.
	 * @param responses the responses to queue
	 * @return this script
	 */
	public ModelScript enqueue(MockResponse... responses) {
		for (MockResponse response : responses) {
			this.queue.add(Objects.requireNonNull(response, "response"));
		}
		return this;
	}

	/**
	 * Set the response given to every request once the queue is empty.
	 * @param response the default response
	 * @return this script
	 */
	public ModelScript respond(MockResponse response) {
		this.defaultResponse = Objects.requireNonNull(response, "response");
		return this;
	}

	/**
	 * Return how many queued responses are still waiting for a request.
	 * @return the number of queued responses
	 */
	public int queued() {
		return this.queue.size();
	}

	/**
	 * Take the next queued response, else the default, else {@code null}.
	 */
	MockResponse next() {
		MockResponse queued = this.queue.poll();
		return (queued != null) ? queued : this.defaultResponse;
	}

	void clear() {
		this.queue.clear();
		this.defaultResponse = this.initialDefault;
	}

}
