package com.cometapi.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

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

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private static final DateTimeFormatter REQUEST_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")
		.withZone(ZoneOffset.UTC);

	private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final long MODELS_CREATED = 1_715_367_049L;

	static final String DEFAULT_CATALOG = """
			{"success":true,"page":0,"page_size":0,"total":5,"data":[\
			{"id":"gpt-4o","provider":"OpenAI","model_type":"chat","features":["vision","function_calling","json_mode","streaming"],\
			"pricing":{"currency":"USD / M Tokens","input":2.0,"output":8.0,"per_request":null,"per_second":null},\
			"api_doc_url":"https://apidoc.cometapi.com/chat-completions"},\
			{"id":"gpt-4o-mini","provider":"OpenAI","model_type":"chat","features":["vision","function_calling","json_mode","streaming"],\
			"pricing":{"currency":"USD / M Tokens","input":0.12,"output":0.48,"per_request":null,"per_second":null},\
			"api_doc_url":"https://apidoc.cometapi.com/chat-completions"},\
			{"id":"claude-sonnet-4-5","provider":"Anthropic","model_type":"chat","features":["vision","function_calling","streaming","reasoning"],\
			"pricing":{"currency":"USD / M Tokens","input":2.4,"output":12.0,"per_request":null,"per_second":null},\
			"api_doc_url":"https://apidoc.cometapi.com/chat-completions"},\
			{"id":"text-embedding-3-small","provider":"OpenAI","model_type":"embedding","features":["embedding"],\
			"pricing":{"currency":"USD / M Tokens","input":0.016,"output":null,"per_request":null,"per_second":null},\
			"api_doc_url":"https://apidoc.cometapi.com/embeddings"},\
			{"id":"gpt-image-1","provider":"OpenAI","model_type":"image","features":["image_generation"],\
			"pricing":{"currency":"USD / M Tokens","input":4.0,"output":32.0,"per_request":0.04,"per_second":null},\
			"api_doc_url":"https://apidoc.cometapi.com/images"}]}""";

	private final LoopResources loops;

	private final DisposableServer server;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Map<String, ModelScript> scripts = new ConcurrentHashMap<>();

	private final ModelScript anyModel = new ModelScript(MockResponse.ok());

	private volatile String catalogOverride;

	private final List<RecordedRequest> recorded = new ArrayList<>();

	private final AtomicLong requestCounter = new AtomicLong();

	private final AtomicLong completionCounter = new AtomicLong();

	private final AtomicInteger inFlight = new AtomicInteger();

	private volatile Generation generation = new Generation();

	private CometApiMockServer() {
		this.loops = LoopResources.create("comet-mock", 1, 2, true);
		try {
			this.server = HttpServer.create()
				.host("127.0.0.1")
				.port(0)
				.runOn(this.loops)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.handle(this::handle)
				.bindNow(Duration.ofSeconds(10));
		}
		catch (RuntimeException ex) {
			this.loops.dispose();
			throw ex;
		}
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
		return this.server.port();
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
		this.server.dispose();
		Mono<Void> shutdown = this.server.onDispose()
			.timeout(Duration.ofSeconds(5), Mono.empty())
			.then(this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)));
		if (Schedulers.isInNonBlockingThread()) {
			shutdown.subscribe();
		}
		else {
			shutdown.block(Duration.ofSeconds(15));
		}
	}

	/**
	 * Clear every script (queues and defaults), the capacity limits, the catalog override
	 * and the recorded requests, and restart the peak-in-flight, disconnect and
	 * rate-limit counters. Requests still in flight keep their answer; a disconnect of a
	 * request that arrived before the reset is not counted.
	 */
	public void reset() {
		this.generation = new Generation();
		this.scripts.values().forEach(ModelScript::clear);
		this.anyModel.clear();
		this.catalogOverride = null;
		synchronized (this.recorded) {
			this.recorded.clear();
		}
	}

	/**
	 * Return the script for chat and embeddings requests whose JSON {@code "model"}
	 * equals the given id, creating it on first use. While it has nothing queued and no
	 * default, requests fall through to {@link #anyModel()}.
	 * @param modelId the model id
	 * @return the script
	 */
	public ModelScript model(String modelId) {
		Objects.requireNonNull(modelId, "modelId");
		return this.scripts.computeIfAbsent(modelId, (id) -> new ModelScript(null));
	}

	/**
	 * Return the script used when no per-model script has a response queued or a default
	 * set. Its default is {@link MockResponse#ok()} until changed.
	 * @return the catch-all script
	 */
	public ModelScript anyModel() {
		return this.anyModel;
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
		if (requestsPerSecond < 0 || maxInFlight < 0) {
			throw new IllegalArgumentException("capacity limits must not be negative");
		}
		this.generation.capacity.set(requestsPerSecond, maxInFlight);
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
		if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
			throw new IllegalArgumentException("requestsPerSecond must be positive, was " + requestsPerSecond);
		}
		if (burst < 1) {
			throw new IllegalArgumentException("burst must be at least 1, was " + burst);
		}
		if (retryAfter != null && retryAfter.isNegative()) {
			throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
		}
		long seconds = (retryAfter != null) ? (retryAfter.toMillis() + 999) / 1000 : -1;
		this.generation.capacity.set(requestsPerSecond, burst, 0, seconds);
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
		this.catalogOverride = catalogJson;
		return this;
	}

	/**
	 * Return the recorded requests, in arrival order.
	 * @return a snapshot of the recorded requests
	 */
	public List<RecordedRequest> requests() {
		synchronized (this.recorded) {
			return List.copyOf(this.recorded);
		}
	}

	/**
	 * Return the recorded requests for one model, in arrival order.
	 * @param modelId the model id
	 * @return a snapshot of the recorded requests whose model equals {@code modelId}
	 */
	public List<RecordedRequest> requests(String modelId) {
		return requests().stream().filter((request) -> Objects.equals(request.model(), modelId)).toList();
	}

	/**
	 * Return the number of recorded requests.
	 * @return the number of requests
	 */
	public int requestCount() {
		synchronized (this.recorded) {
			return this.recorded.size();
		}
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
		return this.generation.peakInFlight.get();
	}

	/**
	 * Return the number of requests whose response has not completed yet.
	 * @return the current number of concurrent requests
	 */
	public int inFlight() {
		return this.inFlight.get();
	}

	/**
	 * Return the number of requests whose client went away (cancelled or closed the
	 * connection) before the response was complete.
	 * @return the number of disconnects since start or the last {@link #reset()}
	 */
	public int disconnects() {
		return this.generation.disconnects.get();
	}

	/**
	 * Return the number of 429 responses sent, scripted or because of
	 * {@link #capacity(int, int) capacity}.
	 * @return the number of 429 responses since start or the last {@link #reset()}
	 */
	public int rateLimitedCount() {
		return this.generation.rateLimited.get();
	}

	@Override
	public String toString() {
		return "CometApiMockServer[" + (this.closed.get() ? "closed" : baseUrl()) + "]";
	}

	// ---- request handling

	private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		Generation generation = this.generation;
		Exchange exchange = new Exchange(nextRequestId(), generation);
		this.inFlight.incrementAndGet();
		int now = generation.inFlight.incrementAndGet();
		generation.peakInFlight.accumulateAndGet(now, Math::max);
		response.header(REQUEST_ID_HEADER, exchange.requestId);
		Instant receivedAt = Instant.now();
		request.withConnection((connection) -> watchClose(exchange, connection.channel()));
		return request.receive()
			.aggregate()
			.asString(StandardCharsets.UTF_8)
			.defaultIfEmpty("")
			.flatMap((body) -> respond(exchange, request, response, body, receivedAt))
			.doFinally((signal) -> finish(exchange, signal));
	}

	private Mono<Void> respond(Exchange exchange, HttpServerRequest request, HttpServerResponse response, String body,
			Instant receivedAt) {
		String path = request.fullPath();
		JsonNode json = parse(body);
		String model = json.path("model").isTextual() ? json.path("model").asText() : null;
		record(request, path, model, body, exchange.requestId, receivedAt);
		HttpMethod method = request.method();
		if (path.startsWith("/v1/") && !exchange.generation.capacity.tryAcquire()) {
			long retryAfter = exchange.generation.capacity.retryAfterSeconds();
			if (retryAfter >= 0) {
				response.header(HttpHeaderNames.RETRY_AFTER, Long.toString(retryAfter));
			}
			return send(exchange, response, 429, "application/json",
					MockResponse.errorEnvelope(
							"Rate limit reached for " + modelName(model) + ". Please try again later.", "tokens", "",
							"rate_limit_exceeded", exchange.requestId));
		}
		if (path.startsWith("/v1/")) {
			exchange.admitted = true;
		}
		if (HttpMethod.POST.equals(method) && path.equals("/v1/chat/completions")) {
			boolean stream = json.path("stream").asBoolean(false);
			boolean includeUsage = json.path("stream_options").path("include_usage").asBoolean(false);
			return answer(exchange, response, script(model), modelName(model), (mock) -> stream
					? sendStream(exchange, response, mock, modelName(model), includeUsage)
					: send(exchange, response, 200, "application/json", chatCompletion(mock, modelName(model))));
		}
		if (HttpMethod.POST.equals(method) && path.equals("/v1/embeddings")) {
			return answer(exchange, response, script(model), modelName(model), (mock) -> send(exchange, response, 200,
					"application/json", embeddings(mock, modelName(model), json)));
		}
		if (HttpMethod.GET.equals(method) && path.equals("/v1/models")) {
			return send(exchange, response, 200, "application/json", modelList());
		}
		if (HttpMethod.GET.equals(method) && path.equals("/api/models")) {
			String catalog = this.catalogOverride;
			return send(exchange, response, 200, "application/json", (catalog != null) ? catalog : DEFAULT_CATALOG);
		}
		return send(exchange, response, 404, "application/json", MockResponse.errorEnvelope(
				"Invalid URL (" + method + " " + path + ")", "invalid_request_error", "", "", exchange.requestId));
	}

	private MockResponse script(String model) {
		if (model != null) {
			ModelScript script = this.scripts.get(model);
			MockResponse next = (script != null) ? script.next() : null;
			if (next != null) {
				return next;
			}
		}
		MockResponse next = this.anyModel.next();
		return (next != null) ? next : MockResponse.ok();
	}

	private Mono<Void> answer(Exchange exchange, HttpServerResponse response, MockResponse mock, String model,
			Function<MockResponse, Mono<Void>> success) {
		Mono<Void> answer = Mono.defer(() -> {
			mock.headers().forEach((header) -> response.addHeader(header.getKey(), header.getValue()));
			return switch (mock.kind()) {
				case SUCCESS -> success.apply(mock);
				case FIXED -> send(exchange, response, mock.status(), mock.contentType(),
						mock.renderBody(model, exchange.requestId));
				case CONNECTION_RESET -> reset(exchange, response);
				case TRUNCATED -> truncated(exchange, response, chatCompletion(mock, model));
			};
		});
		if (mock.delay().isZero()) {
			return answer;
		}
		return Mono.delay(mock.delay()).then(answer);
	}

	private Mono<Void> send(Exchange exchange, HttpServerResponse response, int status, String contentType,
			String body) {
		if (status == 429) {
			exchange.generation.rateLimited.incrementAndGet();
		}
		return response.status(status)
			.header(HttpHeaderNames.CONTENT_TYPE, contentType)
			.sendByteArray(Mono.fromSupplier(() -> {
				exchange.endedByServer = true;
				return body.getBytes(StandardCharsets.UTF_8);
			}))
			.then();
	}

	private Mono<Void> reset(Exchange exchange, HttpServerResponse response) {
		exchange.endedByServer = true;
		return Mono.create((sink) -> response.withConnection((connection) -> {
			connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
			connection.channel().close().addListener((future) -> sink.success());
		}));
	}

	private Mono<Void> truncated(Exchange exchange, HttpServerResponse response, String body) {
		exchange.endedByServer = true;
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		ByteBuf half = Unpooled.wrappedBuffer(bytes, 0, bytes.length / 2);
		return response.status(HttpResponseStatus.OK)
			.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length))
			.send(Flux.just(half), (buf) -> true)
			.then()
			.then(Mono.create((sink) -> response
				.withConnection((connection) -> connection.channel().close().addListener((future) -> sink.success()))));
	}

	private Mono<Void> sendStream(Exchange exchange, HttpServerResponse response, MockResponse mock, String model,
			boolean includeUsage) {
		List<String> frames = streamFrames(exchange, mock, model, includeUsage);
		boolean endsEarly = mock.errorAfter() >= 0 || mock.eventErrorAfter() >= 0 || mock.endsWithoutDone();
		if (endsEarly && mock.stallAfter() < 0) {
			response.keepAlive(false);
		}
		Flux<String> lines = Flux.fromIterable(frames);
		Duration chunkDelay = mock.chunkDelay();
		if (!chunkDelay.isZero()) {
			lines = lines.index()
				.concatMap((line) -> (line.getT1() == 0) ? Mono.just(line.getT2())
						: Mono.delay(chunkDelay).thenReturn(line.getT2()));
		}
		if (mock.stallAfter() >= 0) {
			lines = lines.concatWith(Flux.<String>never().takeUntilOther(exchange.gone.asMono()));
		}
		else {
			lines = lines.doOnComplete(() -> exchange.endedByServer = true);
		}
		return response.status(HttpResponseStatus.OK)
			.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
			.header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
			.send(lines.map((line) -> Unpooled.wrappedBuffer(line.getBytes(StandardCharsets.UTF_8))), (buf) -> true)
			.then();
	}

	private List<String> streamFrames(Exchange exchange, MockResponse mock, String model, boolean includeUsage) {
		String id = "chatcmpl-" + this.completionCounter.incrementAndGet();
		long created = Instant.now().getEpochSecond();
		List<ObjectNode> chunks = new ArrayList<>();
		ObjectNode roleDelta = MAPPER.createObjectNode();
		roleDelta.put("role", "assistant");
		roleDelta.put("content", "");
		roleDelta.putNull("refusal");
		chunks.add(chunk(id, created, model, roleDelta, null));
		for (String delta : mock.deltas(model)) {
			ObjectNode contentDelta = MAPPER.createObjectNode();
			contentDelta.put("content", delta);
			chunks.add(chunk(id, created, model, contentDelta, null));
		}
		chunks.add(chunk(id, created, model, MAPPER.createObjectNode(), "stop"));
		if (includeUsage) {
			ObjectNode usageChunk = MAPPER.createObjectNode();
			usageChunk.put("id", id);
			usageChunk.put("object", "chat.completion.chunk");
			usageChunk.put("created", created);
			usageChunk.put("model", model);
			usageChunk.put("system_fingerprint", "fp_cometmock");
			usageChunk.putArray("choices");
			usageChunk.set("usage", usage(mock));
			chunks.add(usageChunk);
		}
		int limit = chunks.size();
		String ending = "data: [DONE]\n\n";
		if (mock.stallAfter() >= 0) {
			limit = Math.min(limit, mock.stallAfter());
			ending = null;
		}
		else if (mock.errorAfter() >= 0) {
			limit = Math.min(limit, mock.errorAfter());
			ending = "data: " + streamError(exchange) + "\n\n";
		}
		else if (mock.eventErrorAfter() >= 0) {
			limit = Math.min(limit, mock.eventErrorAfter());
			ending = "event: error\ndata: " + streamError(exchange) + "\n\n";
		}
		else if (mock.endsWithoutDone()) {
			ending = null;
		}
		List<String> frames = new ArrayList<>();
		int pings = mock.keepAlives();
		for (int i = 0; i < limit; i++) {
			frames.add("data: " + chunks.get(i) + "\n\n");
			if (pings > 0) {
				frames.add(": PING\n\n");
				pings--;
			}
		}
		if (mock.stallAfter() < 0) {
			for (; pings > 0; pings--) {
				frames.add(": PING\n\n");
			}
		}
		if (ending != null) {
			frames.add(ending);
		}
		return frames;
	}

	private static String streamError(Exchange exchange) {
		return MockResponse.errorEnvelope("upstream stream interrupted", "comet_api_error", "", "upstream_error",
				exchange.requestId);
	}

	private ObjectNode chunk(String id, long created, String model, ObjectNode delta, String finishReason) {
		ObjectNode chunk = MAPPER.createObjectNode();
		chunk.put("id", id);
		chunk.put("object", "chat.completion.chunk");
		chunk.put("created", created);
		chunk.put("model", model);
		chunk.put("system_fingerprint", "fp_cometmock");
		ObjectNode choice = chunk.putArray("choices").addObject();
		choice.put("index", 0);
		choice.set("delta", delta);
		choice.putNull("logprobs");
		if (finishReason != null) {
			choice.put("finish_reason", finishReason);
		}
		else {
			choice.putNull("finish_reason");
		}
		chunk.putNull("usage");
		chunk.put("obfuscation", randomLetters(4));
		return chunk;
	}

	private String chatCompletion(MockResponse mock, String model) {
		ObjectNode root = MAPPER.createObjectNode();
		root.put("id", "chatcmpl-" + this.completionCounter.incrementAndGet());
		root.put("object", "chat.completion");
		root.put("created", Instant.now().getEpochSecond());
		root.put("model", model);
		root.put("system_fingerprint", "fp_cometmock");
		ObjectNode choice = root.putArray("choices").addObject();
		choice.put("index", 0);
		ObjectNode message = choice.putObject("message");
		message.put("role", "assistant");
		message.put("content", mock.content(model));
		message.putNull("refusal");
		choice.putNull("logprobs");
		choice.put("finish_reason", "stop");
		root.set("usage", usage(mock));
		return root.toString();
	}

	private static ObjectNode usage(MockResponse mock) {
		ObjectNode usage = MAPPER.createObjectNode();
		usage.put("prompt_tokens", mock.promptTokens());
		usage.put("completion_tokens", mock.completionTokens());
		usage.put("total_tokens", mock.promptTokens() + mock.completionTokens());
		usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
		usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
		return usage;
	}

	private static String embeddings(MockResponse mock, String model, JsonNode request) {
		JsonNode input = request.path("input");
		List<String> inputs = new ArrayList<>();
		if (input.isArray() && input.size() > 0 && !input.get(0).isNumber()) {
			input.forEach((item) -> inputs.add(item.toString()));
		}
		else {
			inputs.add(input.toString());
		}
		ObjectNode root = MAPPER.createObjectNode();
		root.put("object", "list");
		ArrayNode data = root.putArray("data");
		for (int i = 0; i < inputs.size(); i++) {
			ObjectNode item = data.addObject();
			item.put("object", "embedding");
			item.put("index", i);
			ArrayNode vector = item.putArray("embedding");
			int seed = inputs.get(i).hashCode();
			for (int dim = 0; dim < 8; dim++) {
				seed = seed * 1_103_515_245 + 12_345;
				vector.add(Math.round((((seed >>> 8) & 0xFFFF) / 32768.0 - 1.0) * 1e6) / 1e6);
			}
		}
		root.put("model", model);
		ObjectNode usage = root.putObject("usage");
		usage.put("prompt_tokens", mock.promptTokens());
		usage.put("total_tokens", mock.promptTokens());
		return root.toString();
	}

	private String modelList() {
		String catalog = this.catalogOverride;
		JsonNode data = parse((catalog != null) ? catalog : DEFAULT_CATALOG).path("data");
		ObjectNode root = MAPPER.createObjectNode();
		root.put("object", "list");
		ArrayNode list = root.putArray("data");
		for (JsonNode entry : data) {
			if (entry.path("id").isTextual()) {
				ObjectNode model = list.addObject();
				model.put("id", entry.path("id").asText());
				model.put("object", "model");
				model.put("created", MODELS_CREATED);
				String provider = entry.path("provider").asText("");
				model.put("owned_by", provider.isEmpty() ? "system" : provider.toLowerCase(Locale.ROOT));
			}
		}
		return root.toString();
	}

	private void record(HttpServerRequest request, String path, String model, String body, String requestId,
			Instant receivedAt) {
		Map<String, String> headers = new LinkedHashMap<>();
		request.requestHeaders()
			.forEach((header) -> headers.merge(header.getKey().toLowerCase(Locale.ROOT), header.getValue(),
					(first, second) -> first + ", " + second));
		RecordedRequest recordedRequest = new RecordedRequest(request.method().name(), path, headers, model, body,
				requestId, receivedAt);
		synchronized (this.recorded) {
			this.recorded.add(recordedRequest);
		}
	}

	private void watchClose(Exchange exchange, Channel channel) {
		ChannelFutureListener listener = (future) -> {
			finish(exchange, SignalType.CANCEL);
			exchange.gone.tryEmitEmpty();
		};
		exchange.unwatch = () -> channel.closeFuture().removeListener(listener);
		channel.closeFuture().addListener(listener);
	}

	private void finish(Exchange exchange, SignalType signal) {
		if (!exchange.finished.compareAndSet(false, true)) {
			return;
		}
		Runnable unwatch = exchange.unwatch;
		if (unwatch != null) {
			unwatch.run();
		}
		this.inFlight.decrementAndGet();
		exchange.generation.inFlight.decrementAndGet();
		if (exchange.admitted) {
			exchange.generation.capacity.release();
		}
		if (signal != SignalType.ON_COMPLETE && !exchange.endedByServer) {
			exchange.generation.disconnects.incrementAndGet();
		}
	}

	private String nextRequestId() {
		long counter = this.requestCounter.incrementAndGet() % 1_000_000;
		return REQUEST_ID_TIME.format(Instant.now()) + String.format("%06d", counter) + randomLetters(8);
	}

	private static String randomLetters(int count) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		StringBuilder letters = new StringBuilder(count);
		for (int i = 0; i < count; i++) {
			letters.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
		}
		return letters.toString();
	}

	private static String modelName(String model) {
		return (model != null) ? model : "unknown";
	}

	private static JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			return MissingNode.getInstance();
		}
		try {
			JsonNode node = MAPPER.readTree(body);
			return (node != null) ? node : MissingNode.getInstance();
		}
		catch (Exception ex) {
			return MissingNode.getInstance();
		}
	}

	/**
	 * State of one request while it is answered.
	 */
	private static final class Exchange {

		private final String requestId;

		private final Generation generation;

		private final AtomicBoolean finished = new AtomicBoolean();

		private volatile boolean admitted;

		/**
		 * Whether the server has handed over its last bytes or closes the connection on
		 * purpose: a connection closing after that is not a client disconnect.
		 */
		private volatile boolean endedByServer;

		private final Sinks.Empty<Void> gone = Sinks.empty();

		private volatile Runnable unwatch;

		Exchange(String requestId, Generation generation) {
			this.requestId = requestId;
			this.generation = generation;
		}

	}

	/**
	 * Counters and capacity between two resets; requests keep the generation they arrived
	 * in, so a late finisher cannot disturb the next test's numbers.
	 */
	private static final class Generation {

		private final AtomicInteger inFlight = new AtomicInteger();

		private final AtomicInteger peakInFlight = new AtomicInteger();

		private final AtomicInteger disconnects = new AtomicInteger();

		private final AtomicInteger rateLimited = new AtomicInteger();

		private final Capacity capacity = new Capacity();

	}

	/**
	 * Token bucket plus an in-flight cap.
	 */
	private static final class Capacity {

		private double requestsPerSecond;

		private double burst;

		private int maxInFlight;

		private long retryAfterSeconds = -1;

		private double tokens;

		private long refilledAt;

		private int admitted;

		synchronized void set(int requestsPerSecond, int maxInFlight) {
			set(requestsPerSecond, requestsPerSecond, maxInFlight, -1);
		}

		synchronized void set(double requestsPerSecond, double burst, int maxInFlight, long retryAfterSeconds) {
			this.requestsPerSecond = requestsPerSecond;
			this.burst = burst;
			this.maxInFlight = maxInFlight;
			this.retryAfterSeconds = retryAfterSeconds;
			this.tokens = burst;
			this.refilledAt = System.nanoTime();
		}

		synchronized long retryAfterSeconds() {
			return this.retryAfterSeconds;
		}

		synchronized boolean tryAcquire() {
			if (this.maxInFlight > 0 && this.admitted >= this.maxInFlight) {
				return false;
			}
			if (this.requestsPerSecond > 0) {
				long now = System.nanoTime();
				this.tokens = Math.min(this.burst,
						this.tokens + (now - this.refilledAt) / 1e9 * this.requestsPerSecond);
				this.refilledAt = now;
				if (this.tokens < 1) {
					return false;
				}
				this.tokens -= 1;
			}
			this.admitted++;
			return true;
		}

		synchronized void release() {
			if (this.admitted > 0) {
				this.admitted--;
			}
		}

	}

}
