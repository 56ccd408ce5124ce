package com.cometapi.client;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import com.cometapi.client.catalog.CatalogResponse;
import com.cometapi.client.error.CometErrorClassifier;
import com.cometapi.client.error.CometExceptionFactory;
import com.cometapi.client.error.CometUnknownRouteException;
import com.cometapi.client.error.CometValidationException;
import com.cometapi.client.error.DefaultCometErrorClassifier;
import com.cometapi.client.internal.Checks;
import com.cometapi.client.listener.CometCallListener;
import com.cometapi.client.observation.CometAttemptObservationConvention;
import com.cometapi.client.observation.CometCallObservationConvention;
import com.cometapi.client.observation.ObservationCallListener;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.DeadlineTimer;
import com.cometapi.client.resilience.ModelCooldown;
import com.cometapi.client.resilience.ModelKeys;
import com.cometapi.client.resilience.ModelStateView;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.client.wire.CometJson;
import com.cometapi.client.wire.EmbeddingRequest;
import com.cometapi.client.wire.EmbeddingResponse;
import com.cometapi.client.wire.ModelList;
import com.cometapi.client.wire.Usage;

/**
 * The CometAPI client: chat, embeddings, model list and catalog over a reactive
 * {@link WebClient}, behind one pipeline of validation, concurrency limit, retry with
 * backoff and model fallback. Immutable and thread-safe once built; build one per
 * configuration with {@link #builder()}, or let the Spring Boot starter build it from
 * {@code cometapi.*} properties. <pre class="code">
 * CometTemplate comet = CometTemplate.builder()
 *     .apiKey(System.getenv("COMETAPI_KEY"))
 *     .models("gpt-4o", "claude-sonnet-4-5")
 *     .build();
 * String answer = comet.prompt("Say hello.").map(ChatCompletion::content).block();
 * </pre>
 *
 * @author CometAPI team
 */
public final class CometTemplate implements CometOperations, AutoCloseable {

	/**
	 * CometAPI's base URL.
	 */
	public static final String DEFAULT_BASE_URL = "https://api.cometapi.com";

	/**
	 * Default TCP connect timeout.
	 */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Default time one attempt of a non-streamed call may take.
	 */
	public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * Default deadline of a whole call, retries and fallbacks included.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

	/**
	 * Default largest body, and most bytes of a whole stream, in bytes (16 MB).
	 */
	public static final int DEFAULT_MAX_RESPONSE_SIZE = 16 * 1024 * 1024;

	/**
	 * Default size of the connection pool.
	 */
	public static final int DEFAULT_MAX_CONNECTIONS = 1000;

	/**
	 * Default longest wait for the first chunk of a stream.
	 */
	public static final Duration DEFAULT_STREAM_FIRST_CHUNK_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * Default longest gap between two chunks of a stream.
	 */
	public static final Duration DEFAULT_STREAM_IDLE_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * Whether a stream asks for usage in its last chunk by default.
	 */
	public static final boolean DEFAULT_STREAM_INCLUDE_USAGE = true;

	static final String CHAT_PATH = "/v1/chat/completions";

	static final String EMBEDDINGS_PATH = "/v1/embeddings";

	static final String MODELS_PATH = "/v1/models";

	static final String CATALOG_PATH = "/api/models";

	private static final Logger logger = LoggerFactory.getLogger(CometTemplate.class);

	private final Shared shared;

	private final CometRoute route;

	private final Map<String, CometTemplate> routes;

	private final CallPlanner planner;

	private CometTemplate(Shared shared, CometRoute route, Map<String, CometRoute> routeSettings) {
		this.shared = shared;
		this.route = route;
		this.planner = new CallPlanner(route, shared.retry, shared.timeout);
		Map<String, CometTemplate> views = new LinkedHashMap<>();
		if (routeSettings != null) {
			routeSettings.forEach((name, settings) -> views.put(name, new CometTemplate(shared, settings, null)));
		}
		this.routes = Collections.unmodifiableMap(views);
	}

	/**
	 * Return a new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public Mono<ChatCompletion> chat(ChatRequest request) {
		return Mono.defer(() -> {
			CallPlan plan = this.planner
				.plan("chat", request.model(), request.fallbackModels(), this.shared.responseTimeout)
				.withRequest(request);
			ChatRequest first = request.withModel(plan.models().get(0));
			List<String> problems = RequestValidator.validate(first);
			if (Boolean.TRUE.equals(request.stream())) {
				problems = append(problems, "stream must not be true for chat(); use stream()");
			}
			if (!problems.isEmpty()) {
				return Mono.error(new CometValidationException(plan.models().get(0), problems));
			}
			Mono<ChatCompletion> completion = this.shared.executor
				.execute(plan,
						(model) -> this.shared.exchange.post(CHAT_PATH, request.withModel(model), ResponseType.CHAT,
								model))
				.map((served) -> served.body().withCallResult(served.result()));
			return logContent("chat", first, completion);
		});
	}

	private Mono<ChatCompletion> logContent(String operation, ChatRequest request, Mono<ChatCompletion> completion) {
		if (!CometContentLogger.isEnabled(this.shared.logContent)) {
			return completion;
		}
		CometContentLogger.logRequest(operation, request);
		return completion.doOnNext((answer) -> CometContentLogger.logCompletion(operation, answer));
	}

	@Override
	public Mono<ChatCompletion> chat(String model, String prompt) {
		return chat(ChatRequest.of(model, prompt));
	}

	@Override
	public Mono<ChatCompletion> prompt(String prompt) {
		return chat(ChatRequest.of(null, prompt));
	}

	@Override
	public Flux<ChatCompletionChunk> stream(ChatRequest request) {
		return Flux.defer(() -> {
			CallPlan plan = this.planner.plan("chat", request.model(), request.fallbackModels(),
					this.shared.streamFirstChunkTimeout);
			ChatRequest streamed = this.shared.streaming.includeUsage ? request.withStream(true, true)
					: request.toBuilder().stream(true).build();
			List<String> problems = RequestValidator.validate(streamed.withModel(plan.models().get(0)));
			if (!problems.isEmpty()) {
				return Flux.error(new CometValidationException(plan.models().get(0), problems));
			}
			long start = System.nanoTime();
			return this.shared.executor.executeStream(plan.withRequest(streamed),
					(model) -> this.shared.streaming.exchange.stream(CHAT_PATH, streamed.withModel(model), model,
							plan.timeout(), start),
					ChatCompletionChunk::usage);
		});
	}

	@Override
	public Mono<EmbeddingResponse> embeddings(EmbeddingRequest request) {
		return Mono.defer(() -> {
			List<String> problems = RequestValidator.validate(request);
			if (!problems.isEmpty()) {
				return Mono.error(new CometValidationException(request.model(), problems));
			}
			CallPlan plan = this.planner.plan("embeddings", request.model(), List.of(), this.shared.responseTimeout)
				.withRequest(request);
			return this.shared.executor
				.execute(plan,
						(model) -> this.shared.exchange.post(EMBEDDINGS_PATH, request, ResponseType.EMBEDDINGS, model))
				.map((served) -> served.body().withCallResult(served.result()));
		});
	}

	@Override
	public Mono<ModelList> models() {
		return this.shared.exchange.get(MODELS_PATH, ResponseType.MODELS, true);
	}

	@Override
	public Mono<CatalogResponse> catalog() {
		return this.shared.exchange.get(CATALOG_PATH, ResponseType.CATALOG, false);
	}

	@Override
	public CometTemplate route(String name) {
		CometTemplate view = (name != null) ? this.shared.root().routes.get(name) : null;
		if (view == null) {
			throw new CometUnknownRouteException(name, getRouteNames());
		}
		return view;
	}

	@Override
	public <T> Mono<T> doWithWebClient(Function<WebClient, ? extends Mono<T>> callback) {
		return Mono.defer(() -> callback.apply(this.shared.exchange.webClient()));
	}

	/**
	 * Return the route this template's calls use.
	 * @return the route; named {@code default} for {@code cometapi.models}
	 */
	public CometRoute getRoute() {
		return this.route;
	}

	/**
	 * Return the retry settings of this template's route.
	 * @return the settings
	 */
	public RetrySettings getRetrySettings() {
		return this.planner.retry();
	}

	/**
	 * Return the names of the configured routes.
	 * @return the route names, in configuration order
	 */
	public List<String> getRouteNames() {
		return List.copyOf(this.shared.root().routes.keySet());
	}

	/**
	 * Return the state this template's calls keep about models: the limiter they wait on,
	 * the cooldowns of failing models, the retry budget and the model keys. Shared by the
	 * template and its routes.
	 * @return the model state
	 */
	public ModelStateView getModelState() {
		return this.shared.executor;
	}

	CometCallExecutor executor() {
		return this.shared.executor;
	}

	/**
	 * Forget what earlier calls taught this template and its routes: cooldowns and model
	 * outcomes, the limiter's adapted limits and learnt pace, and the retry budget's
	 * counts, as if no call had been made. Meant for tests that share one template (a
	 * cached Spring test context); {@code cometapi-spring-boot-test} calls it before each
	 * test method. Calls in flight finish under the old state.
	 */
	public void resetLearnedState() {
		this.shared.executor.resetLearnedState();
	}

	/**
	 * Return the base URL calls go to.
	 * @return the base URL
	 */
	public String getBaseUrl() {
		return this.shared.baseUrl;
	}

	/**
	 * Return the state of the connection pool this template created: connections in use,
	 * idle and exchanges waiting for one. Meaningless when a
	 * {@link Builder#webClientCustomizer web client customizer} replaced the connector.
	 * @return the pool's stats, {@link ConnectionPoolStats#EMPTY} before the first
	 * connection
	 */
	public ConnectionPoolStats getConnectionPoolStats() {
		return this.shared.poolMonitor.stats();
	}

	/**
	 * Release the connection pool this template created. Views returned by
	 * {@link #route(String)} share it.
	 */
	@Override
	public void close() {
		if (this.shared.connectionProvider != null) {
			this.shared.connectionProvider.dispose();
		}
	}

	@Override
	public String toString() {
		return "CometTemplate[baseUrl=" + this.shared.baseUrl + ", route=" + this.route.name() + ", models="
				+ this.route.models() + "]";
	}

	private static List<String> append(List<String> problems, String problem) {
		List<String> all = new ArrayList<>(problems);
		all.add(problem);
		return all;
	}

	/**
	 * What every view of one template shares.
	 */
	private static final class Shared {

		final String baseUrl;

		final CometExchange exchange;

		final CometCallExecutor executor;

		final RetrySettings retry;

		final Duration timeout;

		final ConnectionProvider connectionProvider;

		final ConnectionPoolMonitor poolMonitor;

		boolean logContent;

		Duration responseTimeout;

		Duration streamFirstChunkTimeout;

		CometTemplate root;

		Streaming streaming;

		Shared(String baseUrl, CometExchange exchange, CometCallExecutor executor, RetrySettings retry,
				Duration timeout, ConnectionProvider connectionProvider, ConnectionPoolMonitor poolMonitor) {
			this.baseUrl = baseUrl;
			this.exchange = exchange;
			this.executor = executor;
			this.retry = retry;
			this.timeout = timeout;
			this.connectionProvider = connectionProvider;
			this.poolMonitor = poolMonitor;
		}

		CometTemplate root() {
			return this.root;
		}

	}

	/**
	 * How streamed calls are made.
	 */
	private record Streaming(CometStreamExchange exchange, boolean includeUsage) {

	}

	/**
	 * Builds a {@link CometTemplate}. Not thread-safe; the template it builds is.
	 */
	public static final class Builder {

		private String baseUrl = DEFAULT_BASE_URL;

		private String apiKey;

		private WebClient.Builder webClientBuilder;

		private final List<Consumer<WebClient.Builder>> webClientCustomizers = new ArrayList<>();

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;

		private Duration timeout = DEFAULT_TIMEOUT;

		private int maxResponseSize = DEFAULT_MAX_RESPONSE_SIZE;

		private int maxConnections = DEFAULT_MAX_CONNECTIONS;

		private List<String> models = List.of();

		private final Map<String, CometRoute> routes = new LinkedHashMap<>();

		private RetrySettings retry = RetrySettings.DEFAULTS;

		private RetryBudget retryBudget = RetryBudget.defaults();

		private CooldownSettings cooldown = CooldownSettings.DEFAULTS;

		private CometErrorClassifier classifier = new DefaultCometErrorClassifier();

		private CometLimiter limiter = CometLimiter.unlimited();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private CometCallObservationConvention callConvention;

		private CometAttemptObservationConvention attemptConvention;

		private final List<CometCallListener> listeners = new ArrayList<>();

		private BiFunction<String, Usage, BigDecimal> costEstimator;

		private ObjectMapper objectMapper;

		private Scheduler scheduler;

		private Duration streamFirstChunkTimeout = DEFAULT_STREAM_FIRST_CHUNK_TIMEOUT;

		private Duration streamIdleTimeout = DEFAULT_STREAM_IDLE_TIMEOUT;

		private boolean streamIncludeUsage = DEFAULT_STREAM_INCLUDE_USAGE;

		private boolean logContent;

		private final Set<String> knownModels = new LinkedHashSet<>();

		private Predicate<String> knownModelsMatching;

		private Builder() {
		}

		/**
		 * Add model names that keep their own limiter, cooldown, health entry and metric
		 * tags, besides the models of {@link #models} and of every {@link #route}, such
		 * as models with limits of their own. Any other name a request carries shares the
		 * state and tags of {@value ModelKeys#OTHER}; when no model is known at all, the
		 * first {@value ModelKeys#DEFAULT_MAX_ADMITTED} distinct names keep their own.
		 * @param models the model names
		 * @return this builder
		 */
		public Builder knownModels(Collection<String> models) {
			models.forEach((model) -> this.knownModels.add(Objects.requireNonNull(model, "model")));
			return this;
		}

		/**
		 * Also know the model names the given test accepts, such as the ids of a
		 * {@link com.cometapi.client.catalog.ModelCatalog}; it runs on the calling thread
		 * for names not otherwise known, so it must be fast and must not block.
		 * @param test accepts known names
		 * @return this builder
		 * @see #knownModels(Collection)
		 */
		public Builder knownModelsMatching(Predicate<String> test) {
			this.knownModelsMatching = test;
			return this;
		}

		/**
		 * Set whether prompt and completion text is logged at DEBUG by the
		 * {@code com.cometapi.client.CometContentLogger} logger; defaults to
		 * {@code false}. Prompts and answers can hold personal data.
		 * @param logContent whether to log content
		 * @return this builder
		 */
		public Builder logContent(boolean logContent) {
			this.logContent = logContent;
			return this;
		}

		/**
		 * Set the base URL; defaults to {@value CometTemplate#DEFAULT_BASE_URL}. A
		 * trailing {@code /v1} is dropped with a warning: the client adds it to every
		 * path itself.
		 * @param baseUrl the base URL, without {@code /v1}
		 * @return this builder
		 */
		public Builder baseUrl(String baseUrl) {
			this.baseUrl = baseUrl;
			return this;
		}

		/**
		 * Set the API key sent as a bearer token. It is never logged nor put in an
		 * exception.
		 * @param apiKey the key
		 * @return this builder
		 */
		public Builder apiKey(String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Start from the application's {@link WebClient.Builder} (cloned, never mutated),
		 * so that its customizers, codecs and observation apply. Its codecs' logging of
		 * request details is switched off: it would log the {@code Authorization} header.
		 * @param webClientBuilder the builder
		 * @return this builder
		 */
		public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
			this.webClientBuilder = webClientBuilder;
			return this;
		}

		/**
		 * Add a customizer of the {@link WebClient.Builder}, applied after the template's
		 * own settings (it may, for example, replace the connector).
		 * @param customizer the customizer
		 * @return this builder
		 */
		public Builder webClientCustomizer(Consumer<WebClient.Builder> customizer) {
			this.webClientCustomizers.add(customizer);
			return this;
		}

		/**
		 * Set the TCP connect timeout; defaults to 10 s.
		 * @param connectTimeout the timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Set how long one attempt of a non-streamed call may take, from sending the
		 * request to the end of the response body; defaults to 60 s. Streams are bounded
		 * by {@link #streamFirstChunkTimeout} and {@link #streamIdleTimeout} instead.
		 * @param responseTimeout the timeout
		 * @return this builder
		 */
		public Builder responseTimeout(Duration responseTimeout) {
			this.responseTimeout = responseTimeout;
			return this;
		}

		/**
		 * Set the deadline of a whole call, retries and fallbacks included, which also
		 * bounds a whole stream; defaults to 2 min.
		 * @param timeout the deadline
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		/**
		 * Set the largest response body read into memory, and the most bytes a stream may
		 * have in all; defaults to 16 MB. A larger answer fails the call with a
		 * {@link com.cometapi.client.error.CometResponseTooLargeException}.
		 * @param bytes the size in bytes
		 * @return this builder
		 */
		public Builder maxResponseSize(int bytes) {
			this.maxResponseSize = bytes;
			return this;
		}

		/**
		 * Set the most connections of the template's own pool; defaults to 1000.
		 * @param maxConnections the connections
		 * @return this builder
		 */
		public Builder maxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
			return this;
		}

		/**
		 * Set the default models, in fallback order, used by requests that name none. A
		 * model may appear once: {@link #build()} rejects a repeated one.
		 * @param models the models
		 * @return this builder
		 */
		public Builder models(String... models) {
			return models(List.of(models));
		}

		/**
		 * Set the default models, in fallback order, used by requests that name none.
		 * @param models the models
		 * @return this builder
		 */
		public Builder models(List<String> models) {
			this.models = List.copyOf(models);
			return this;
		}

		/**
		 * Add a named route.
		 * @param route the route
		 * @return this builder
		 */
		public Builder route(CometRoute route) {
			this.routes.put(route.name(), route);
			return this;
		}

		/**
		 * Set how each model is retried.
		 * @param retry the settings
		 * @return this builder
		 */
		public Builder retry(RetrySettings retry) {
			this.retry = retry;
			return this;
		}

		/**
		 * Set the retry budget shared by the template's calls.
		 * @param retryBudget the budget
		 * @return this builder
		 */
		public Builder retryBudget(RetryBudget retryBudget) {
			this.retryBudget = retryBudget;
			return this;
		}

		/**
		 * Set when a failing model is skipped for a while.
		 * @param cooldown the settings
		 * @return this builder
		 */
		public Builder cooldown(CooldownSettings cooldown) {
			this.cooldown = cooldown;
			return this;
		}

		/**
		 * Set the classifier deciding between retry, next model and failure.
		 * @param classifier the classifier
		 * @return this builder
		 */
		public Builder errorClassifier(CometErrorClassifier classifier) {
			this.classifier = classifier;
			return this;
		}

		/**
		 * Set the limiter calls wait on.
		 * @param limiter the limiter
		 * @return this builder
		 */
		public Builder limiter(CometLimiter limiter) {
			this.limiter = limiter;
			return this;
		}

		/**
		 * Set the registry of the call and attempt observations: a convenience that
		 * installs an {@link ObservationCallListener} with the conventions set here,
		 * before the listeners added with {@link #listener}.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = observationRegistry;
			return this;
		}

		/**
		 * Add a listener told about each call, as plain values: the call's start, each
		 * attempt's start and end, retries, fallbacks, a stream's first chunk, and the
		 * call's end. Listeners are told in the order added, after the observation
		 * listener of {@link #observationRegistry}; a call that no listener follows costs
		 * nothing.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(CometCallListener listener) {
			this.listeners.add(Objects.requireNonNull(listener, "listener"));
			return this;
		}

		/**
		 * Set the convention of call observations.
		 * @param convention the convention, or {@code null} for the default
		 * @return this builder
		 */
		public Builder callObservationConvention(CometCallObservationConvention convention) {
			this.callConvention = convention;
			return this;
		}

		/**
		 * Set the convention of attempt observations.
		 * @param convention the convention, or {@code null} for the default
		 * @return this builder
		 */
		public Builder attemptObservationConvention(CometAttemptObservationConvention convention) {
			this.attemptConvention = convention;
			return this;
		}

		/**
		 * Set what estimates the cost in USD of a model's usage. An estimator that throws
		 * leaves the cost unknown; it never fails a call.
		 * @param costEstimator the estimator, returning {@code null} when the price is
		 * unknown
		 * @return this builder
		 */
		public Builder costEstimator(BiFunction<String, Usage, BigDecimal> costEstimator) {
			this.costEstimator = costEstimator;
			return this;
		}

		/**
		 * Set the mapper of the wire format; defaults to
		 * {@link CometJson#newObjectMapper()}. The application's own mapper should not be
		 * used here: its settings would change what goes over the wire.
		 * @param objectMapper the mapper
		 * @return this builder
		 */
		public Builder objectMapper(ObjectMapper objectMapper) {
			this.objectMapper = objectMapper;
			return this;
		}

		/**
		 * Set the scheduler of timeouts, backoff delays and hedges, such as a
		 * virtual-time one in tests. By default, backoff delays and hedges run on
		 * {@link Schedulers#parallel()}, and the call deadline, response timeout and
		 * stream timeouts on a lock-free timer wheel shared by the JVM, where they may
		 * fire up to 10 ms late and are handed to {@link Schedulers#boundedElastic()}
		 * when they expire. A scheduler set here runs all of them, and its clock times
		 * the call.
		 * @param scheduler the scheduler
		 * @return this builder
		 */
		public Builder scheduler(Scheduler scheduler) {
			this.scheduler = scheduler;
			return this;
		}

		/**
		 * Set how long a streamed attempt may wait for its first chunk before it is
		 * retried or the next model is tried; defaults to 30 s.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder streamFirstChunkTimeout(Duration timeout) {
			this.streamFirstChunkTimeout = timeout;
			return this;
		}

		/**
		 * Set how long a stream may go without a chunk once its first chunk has arrived;
		 * a longer stall ends the stream with a
		 * {@link com.cometapi.client.error.CometStreamTimeoutException}. Defaults to 60
		 * s.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder streamIdleTimeout(Duration timeout) {
			this.streamIdleTimeout = timeout;
			return this;
		}

		/**
		 * Set whether streamed requests ask for the usage chunk
		 * ({@code stream_options.include_usage}), so that token metrics and cost work for
		 * streams; defaults to {@code true}.
		 * @param includeUsage whether to ask for usage
		 * @return this builder
		 */
		public Builder streamIncludeUsage(boolean includeUsage) {
			this.streamIncludeUsage = includeUsage;
			return this;
		}

		/**
		 * Build the template.
		 * @return the template
		 * @throws IllegalArgumentException if a setting is invalid, such as a model list
		 * that names a model twice
		 */
		public CometTemplate build() {
			String url = checkedBaseUrl(this.baseUrl);
			requireDistinct("models", this.models);
			this.routes.values()
				.forEach((route) -> requireDistinct("models of route '" + route.name() + "'", route.models()));
			requirePositive("connectTimeout", this.connectTimeout);
			requirePositive("responseTimeout", this.responseTimeout);
			requirePositive("timeout", this.timeout);
			if (this.maxResponseSize <= 0) {
				throw new IllegalArgumentException("maxResponseSize must be positive, was " + this.maxResponseSize);
			}
			ConnectionPoolMonitor poolMonitor = new ConnectionPoolMonitor();
			ConnectionProvider provider = ConnectionProvider.builder("cometapi")
				.maxConnections(this.maxConnections)
				.pendingAcquireMaxCount(-1)
				.maxIdleTime(Duration.ofSeconds(30))
				.metrics(true, () -> poolMonitor)
				.build();
			HttpClient httpClient = EventLoopCancel.track(HttpClient.create(provider)
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, this.connectTimeout.toMillis()))
				.followRedirect(false));
			WebClient.Builder builder = (this.webClientBuilder != null) ? this.webClientBuilder.clone()
					: WebClient.builder();
			builder.baseUrl(url)
				.clientConnector(new ReactorClientHttpConnector(httpClient))
				.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(this.maxResponseSize));
			this.webClientCustomizers.forEach((customizer) -> customizer.accept(builder));
			builder.codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(false));
			WebClient publicClient = builder.build();
			WebClient authenticated = (this.apiKey != null && !this.apiKey.isBlank()) ? publicClient.mutate()
				.defaultHeaders((headers) -> headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + this.apiKey))
				.build() : publicClient;
			ObjectMapper mapper = (this.objectMapper != null) ? this.objectMapper : CometJson.newObjectMapper();
			DeadlineTimer deadlines = (this.scheduler != null) ? DeadlineTimer.on(this.scheduler)
					: DeadlineTimer.wheel();
			CometExceptionFactory exceptionFactory = new CometExceptionFactory(this.classifier);
			CometExchange exchange = new CometExchange(url, authenticated, publicClient, mapper, exceptionFactory,
					this.responseTimeout, this.maxResponseSize, deadlines);
			CometCallExecutor.Builder executorBuilder = CometCallExecutor.builder()
				.limiter(this.limiter)
				.retryBudget(this.retryBudget)
				.cooldown(new ModelCooldown(this.cooldown))
				.listener(listener(url))
				.costEstimator((this.costEstimator != null) ? new SafeCostEstimator(this.costEstimator) : null)
				.modelKeys(modelKeys());
			if (this.scheduler != null) {
				executorBuilder.scheduler(this.scheduler);
			}
			CometCallExecutor executor = executorBuilder.build();
			Shared shared = new Shared(url, exchange, executor, this.retry, this.timeout, provider, poolMonitor);
			shared.logContent = this.logContent;
			shared.responseTimeout = this.responseTimeout;
			shared.streamFirstChunkTimeout = this.streamFirstChunkTimeout;
			CometTemplate template = new CometTemplate(shared, new CometRoute("default", this.models, null, null, null),
					this.routes);
			shared.root = template;
			requirePositive("streamFirstChunkTimeout", this.streamFirstChunkTimeout);
			requirePositive("streamIdleTimeout", this.streamIdleTimeout);
			shared.streaming = new Streaming(new CometStreamExchange(exchange, mapper, exceptionFactory,
					this.streamFirstChunkTimeout, this.streamIdleTimeout, deadlines), this.streamIncludeUsage);
			return template;
		}

		private CometCallListener listener(String url) {
			List<CometCallListener> all = new ArrayList<>();
			if (this.observationRegistry != null && this.observationRegistry != ObservationRegistry.NOOP) {
				all.add(new ObservationCallListener(this.observationRegistry, this.callConvention,
						this.attemptConvention, serverAddress(url), serverPort(url)));
			}
			all.addAll(this.listeners);
			return CometCallListener.of(all);
		}

		private ModelKeys modelKeys() {
			Set<String> known = new LinkedHashSet<>(this.models);
			this.routes.values().forEach((route) -> known.addAll(route.models()));
			known.addAll(this.knownModels);
			ModelKeys keys = ModelKeys.of(known);
			return (this.knownModelsMatching != null) ? keys.alsoKnowing(this.knownModelsMatching) : keys;
		}

		private static String serverAddress(String url) {
			return URI.create(url).getHost();
		}

		private static int serverPort(String url) {
			URI uri = URI.create(url);
			return (uri.getPort() != -1) ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
		}

		private static String checkedBaseUrl(String baseUrl) {
			Checks.BaseUrlProblem problem = Checks.baseUrlProblem(baseUrl);
			if (problem == Checks.BaseUrlProblem.NOT_HTTP_URL) {
				throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, was '"
						+ Checks.withoutUserInfo(baseUrl, "***") + "'");
			}
			if (problem == Checks.BaseUrlProblem.USER_INFO) {
				throw new IllegalArgumentException("baseUrl must not contain a user or password, was '"
						+ Checks.withoutUserInfo(baseUrl, "***") + "': CometAPI authenticates with the API key");
			}
			String url = Checks.withoutVersion(baseUrl);
			if (Checks.endsWithVersion(baseUrl)) {
				logger.warn("CometAPI baseUrl ends with /v1, which the client adds itself: using {} instead", url);
			}
			return url;
		}

		private static void requireDistinct(String name, List<String> models) {
			Set<String> seen = new HashSet<>();
			for (String model : models) {
				if (!seen.add(model)) {
					throw new IllegalArgumentException(name + " must not name a model twice, but " + models + " names '"
							+ model + "' more than once");
				}
			}
		}

		private static void requirePositive(String name, Duration value) {
			String problem = Checks.positiveProblem(value);
			if (problem != null) {
				throw new IllegalArgumentException(name + " " + problem + ", was " + value);
			}
		}

	}

}
