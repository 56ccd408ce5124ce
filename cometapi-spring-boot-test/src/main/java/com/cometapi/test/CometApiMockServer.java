package com.cometapi.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A scriptable CometAPI on loopback, for tests and offline samples.
 * <p>
 * Listens on {@code 127.0.0.1} on a random free port and answers CometAPI's endpoints
 * with the shapes of the real service:
 * <ul>
 * <li>{@code POST /v1/chat/completions}: a chat completion, or server-sent events when
 * the body has {@code "stream": true};</li>
 * <li>{@code POST /v1/embeddings}: one 8-dimension embedding per input;</li>
 * <li>{@code GET /v1/models}: the OpenAI-style model list built from the catalog;</li>
 * <li>{@code GET /api/models}: the catalog (see {@link #catalog(String)});</li>
 * <li>anything else: 404 with CometAPI's error envelope.</li>
 * </ul>
 * Chat and embeddings requests are answered by {@link #model(String) per-model scripts}
 * and the {@link #anyModel() catch-all script}; by default every request succeeds. Every
 * response carries an {@code X-Oneapi-Request-Id} header, and every request is
 * {@link #requests() recorded} before it is answered.
 * <p>
 * Spring tests point the client at the server with {@link CometApiMockProperties#register
 * CometApiMockProperties.register(registry, server)} (this class itself refers to no
 * Spring or JUnit type, so it can also be a bean of an offline application).
 * <p>
 * The server runs on its own event loops, so a closing Spring context cannot stop it; it
 * never blocks them (delays are scheduled). All methods are thread-safe. Typical use:
 * <pre class="code">
 * try (CometApiMockServer server = CometApiMockServer.start()) {
 *     server.model("gpt-4o").enqueue(MockResponse.rateLimited(), MockResponse.ok("Hi"));
 *     // point the client at server.baseUrl() ...
 *     assertThat(server.requestCount("gpt-4o")).isEqualTo(2);
 * }
 * </pre>
 *
 * @see CometApiMockServerExtension
 * @see CometApiMockProperties
 */
public final class CometApiMockServer implements AutoCloseable {

	/**
	 * Name of the response header that carries the request id.
	 */
	public static final String REQUEST_ID_HEADER = "X-Oneapi-Request-Id";

	private final MockScripts scripts = new MockScripts();

	private final RequestRecorder recorder = new RequestRecorder();

	private final MockHttpServer http;

	private final AtomicBoolean closed = new AtomicBoolean();

	private CometApiMockServer() {
		this.http = new MockHttpServer(this.scripts, this.recorder);
	}

	/**
	 * Start a server on {@code 127.0.0.1} on a random free port.
	 * @return the running server; {@link #close() close} it when done
	 */
	public static CometApiMockServer start() {
		return new CometApiMockServer();
	}

	/**
	 * Return the base URL of the server, without a trailing slash.
	 * @return for example {@code "http://127.0.0.1:54321"}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * Return the port the server listens on.
	 * @return the port
	 */
	public int port() {
		return this.http.port();
	}

	/**
	 * Stop the server, dropping open connections, and dispose its event loops. Calling it
	 * again does nothing.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.http.close();
	}

	/**
	 * Clear every script (queues and defaults), the capacity limits, the catalog override
	 * and the recorded requests, and restart the peak-in-flight, disconnect and
	 * rate-limit counters. Requests still in flight keep their answer; a disconnect of a
	 * request that arrived before the reset is not counted.
	 */
	public void reset() {
		this.scripts.reset();
		this.recorder.reset();
	}

	/**
	 * Return the script for chat and embeddings requests whose JSON {@code "model"}
	 * equals the given id, creating it on first use. While it has nothing queued and no
	 * default, requests fall through to {@link #anyModel()}.
	 * @param modelId the model id
	 * @return the script
	 */
	public ModelScript model(String modelId) {
		return this.scripts.model(modelId);
	}

	/**
	 * Return the script used when no per-model script has a response queued or a default
	 * set. Its default is {@link MockResponse#ok()} until changed.
	 * @return the catch-all script
	 */
	public ModelScript anyModel() {
		return this.scripts.anyModel();
	}

	/**
	 * Limit the rate and concurrency of {@code /v1/*} requests. A request beyond either
	 * limit is answered at once with 429 {@code rate_limit_exceeded} (no
	 * {@code Retry-After}) and does not consume a script. The rate is a token bucket
	 * holding up to {@code requestsPerSecond} tokens, refilled continuously.
	 * @param requestsPerSecond requests admitted per second, {@code 0} for unlimited
	 * @param maxInFlight requests admitted at the same time, {@code 0} for unlimited
	 * @return this server
	 */
	public CometApiMockServer capacity(int requestsPerSecond, int maxInFlight) {
		this.scripts.capacity(requestsPerSecond, maxInFlight);
		return this;
	}

	/**
	 * Limit the rate of {@code /v1/*} requests with a token bucket of the given rate and
	 * burst, like a gateway's rate limit. A request without a token is answered at once
	 * with 429 {@code rate_limit_exceeded}, with a {@code Retry-After} header when one is
	 * given, and does not consume a script. Replaces any {@link #capacity(int, int)
	 * capacity} limits.
	 * @param requestsPerSecond tokens added per second, positive
	 * @param burst most tokens the bucket holds (it starts full), at least 1
	 * @param retryAfter the {@code Retry-After} to send, rounded up to whole seconds, or
	 * {@code null} for none
	 * @return this server
	 */
	public CometApiMockServer rateLimit(double requestsPerSecond, int burst, Duration retryAfter) {
		this.scripts.rateLimit(requestsPerSecond, burst, retryAfter);
		return this;
	}

	/**
	 * Serve the given body from {@code GET /api/models} (and derive
	 * {@code GET /v1/models} from its {@code data[].id}) instead of the default catalog
	 * of five models ({@code gpt-4o}, {@code gpt-4o-mini}, {@code claude-sonnet-4-5},
	 * {@code text-embedding-3-small}, {@code gpt-image-1}). The body is sent as is, so a
	 * broken catalog can be served too.
	 * @param catalogJson the catalog body, or {@code null} for the default
	 * @return this server
	 */
	public CometApiMockServer catalog(String catalogJson) {
		this.scripts.catalog(catalogJson);
		return this;
	}

	/**
	 * Return the recorded requests, in arrival order.
	 * @return a snapshot of the recorded requests
	 */
	public List<RecordedRequest> requests() {
		return this.recorder.requests();
	}

	/**
	 * Return the recorded requests for one model, in arrival order.
	 * @param modelId the model id
	 * @return a snapshot of the recorded requests whose model equals {@code modelId}
	 */
	public List<RecordedRequest> requests(String modelId) {
		return this.recorder.requests(modelId);
	}

	/**
	 * Return the number of recorded requests.
	 * @return the number of requests
	 */
	public int requestCount() {
		return this.recorder.requestCount();
	}

	/**
	 * Return the number of recorded requests for one model.
	 * @param modelId the model id
	 * @return the number of requests whose model equals {@code modelId}
	 */
	public int requestCount(String modelId) {
		return requests(modelId).size();
	}

	/**
	 * Return the largest number of requests in flight at the same time since start or the
	 * last {@link #reset()}.
	 * @return the peak number of concurrent requests
	 */
	public int peakInFlight() {
		return this.recorder.peakInFlight();
	}

	/**
	 * Return the number of requests whose response has not completed yet.
	 * @return the current number of concurrent requests
	 */
	public int inFlight() {
		return this.recorder.inFlight();
	}

	/**
	 * Return the number of requests whose client went away (cancelled or closed the
	 * connection) before the response was complete.
	 * @return the number of disconnects since start or the last {@link #reset()}
	 */
	public int disconnects() {
		return this.recorder.disconnects();
	}

	/**
	 * Return the number of 429 responses sent, scripted or because of
	 * {@link #capacity(int, int) capacity}.
	 * @return the number of 429 responses since start or the last {@link #reset()}
	 */
	public int rateLimitedCount() {
		return this.recorder.rateLimitedCount();
	}

	@Override
	public String toString() {
		return "CometApiMockServer[" + (this.closed.get() ? "closed" : baseUrl()) + "]";
	}

}
