package com.cometapi.client;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
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
import com.cometapi.client.error.CometValidationException;
import com.cometapi.client.error.DefaultCometErrorClassifier;
import com.cometapi.client.observation.CometAttemptObservationConvention;
import com.cometapi.client.observation.CometCallObservationConvention;
import com.cometapi.client.resilience.CallPlan;
import com.cometapi.client.resilience.CometCallExecutor;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.DeadlineTimer;
import com.cometapi.client.resilience.ModelCooldown;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.resilience.RetrySettings;

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

	static final String CHAT_PATH = "/v1/chat/completions";

	static final String EMBEDDINGS_PATH = "/v1/embeddings";

	static final String MODELS_PATH = "/v1/models";

	static final String CATALOG_PATH = "/api/models";

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
			CallPlan plan = this.planner.plan("chat", request.model(), request.fallbackModels());
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
			CallPlan plan = this.planner.plan("chat", request.model(), request.fallbackModels());
			ChatRequest streamed = this.shared.streaming.includeUsage ? request.withStream(true, true)
					: request.toBuilder().stream(true).build();
			List<String> problems = RequestValidator.validate(streamed.withModel(plan.models().get(0)));
			if (!problems.isEmpty()) {
				return Flux.error(new CometValidationException(plan.models().get(0), problems));
			}
			return this.shared.executor.executeStream(plan,
					(model) -> this.shared.streaming.exchange.stream(CHAT_PATH, streamed.withModel(model), model),
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
			CallPlan plan = this.planner.plan("embeddings", request.model(), List.of());
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
		CometTemplate view = this.shared.root().routes.get(name);
		if (view == null) {
			throw new IllegalArgumentException(
					"No CometAPI route named '" + name + "'; configured routes: " + this.shared.root().routes.keySet());
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
	 * Return the pipeline this template's calls run through: its limiter, cooldowns and
	 * retry budget.
	 * @return the executor
	 */
	public CometCallExecutor getExecutor() {
		return this.shared.executor;
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

		private Duration connectTimeout = Duration.ofSeconds(10);

		private Duration responseTimeout = Duration.ofSeconds(60);

		private Duration timeout = Duration.ofMinutes(2);

		private int maxResponseSize = 16 * 1024 * 1024;

		private int maxConnections = 1000;

		private List<String> models = List.of();

		private final Map<String, CometRoute> routes = new LinkedHashMap<>();

		private RetrySettings retry = RetrySettings.DEFAULTS;

		private RetryBudget retryBudget = RetryBudget.of(0.2, 10, Duration.ofSeconds(10));

		private CooldownSettings cooldown = CooldownSettings.DEFAULTS;

		private CometErrorClassifier classifier = new DefaultCometErrorClassifier();

		private CometLimiter limiter = CometLimiter.unlimited();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private CometCallObservationConvention callConvention;

		private CometAttemptObservationConvention attemptConvention;

		private BiFunction<String, Usage, BigDecimal> costEstimator;

		private ObjectMapper objectMapper;

		private Scheduler scheduler;

		private Duration streamFirstChunkTimeout = Duration.ofSeconds(30);

		private Duration streamIdleTimeout = Duration.ofSeconds(60);

		private boolean streamIncludeUsage = true;

		private boolean logContent;

		private Builder() {
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
		 * Set the base URL; defaults to {@value CometTemplate#DEFAULT_BASE_URL}.
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
		 * so that its customizers, codecs and observation apply.
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
		 * Set the deadline of a whole call, retries and fallbacks included; defaults to 2
		 * min.
		 * @param timeout the deadline
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		/**
		 * Set the largest response body read into memory; defaults to 16 MB.
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
		 * Set the default models, in fallback order, used by requests that name none.
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
		 * Set the registry of the call and attempt observations.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = observationRegistry;
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
		 * Set what estimates the cost in USD of a model's usage.
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
		 * fire up to 10 ms late.
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
		 * @throws IllegalArgumentException if a setting is invalid
		 */
		public CometTemplate build() {
			String url = checkedBaseUrl(this.baseUrl);
			requirePositive("connectTimeout", this.connectTimeout);
			requirePositive("responseTimeout", this.responseTimeout);
			requirePositive("timeout", this.timeout);
			ConnectionPoolMonitor poolMonitor = new ConnectionPoolMonitor();
			ConnectionProvider provider = ConnectionProvider.builder("cometapi")
				.maxConnections(this.maxConnections)
				.pendingAcquireMaxCount(-1)
				.maxIdleTime(Duration.ofSeconds(30))
				.metrics(true, () -> poolMonitor)
				.build();
			HttpClient httpClient = HttpClient.create(provider)
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) this.connectTimeout.toMillis())
				.followRedirect(false);
			WebClient.Builder builder = (this.webClientBuilder != null) ? this.webClientBuilder.clone()
					: WebClient.builder();
			builder.baseUrl(url)
				.clientConnector(new ReactorClientHttpConnector(httpClient))
				.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(this.maxResponseSize));
			this.webClientCustomizers.forEach((customizer) -> customizer.accept(builder));
			WebClient publicClient = builder.build();
			WebClient authenticated = (this.apiKey != null && !this.apiKey.isBlank()) ? publicClient.mutate()
				.defaultHeaders((headers) -> headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + this.apiKey))
				.build() : publicClient;
			ObjectMapper mapper = (this.objectMapper != null) ? this.objectMapper : CometJson.newObjectMapper();
			DeadlineTimer deadlines = (this.scheduler != null) ? DeadlineTimer.on(this.scheduler)
					: DeadlineTimer.wheel();
			CometExceptionFactory exceptionFactory = new CometExceptionFactory(this.classifier);
			CometExchange exchange = new CometExchange(url, authenticated, publicClient, mapper, exceptionFactory,
					this.responseTimeout, deadlines);
			CometCallExecutor.Builder executorBuilder = CometCallExecutor.builder()
				.limiter(this.limiter)
				.retryBudget(this.retryBudget)
				.cooldown(new ModelCooldown(this.cooldown))
				.observationRegistry(this.observationRegistry)
				.callConvention(this.callConvention)
				.attemptConvention(this.attemptConvention)
				.costEstimator(this.costEstimator);
			if (this.scheduler != null) {
				executorBuilder.scheduler(this.scheduler);
			}
			CometCallExecutor executor = executorBuilder.build();
			Shared shared = new Shared(url, exchange, executor, this.retry, this.timeout, provider, poolMonitor);
			shared.logContent = this.logContent;
			CometTemplate template = new CometTemplate(shared, new CometRoute("default", this.models, null, null, null),
					this.routes);
			shared.root = template;
			requirePositive("streamFirstChunkTimeout", this.streamFirstChunkTimeout);
			requirePositive("streamIdleTimeout", this.streamIdleTimeout);
			shared.streaming = new Streaming(new CometStreamExchange(exchange, mapper, exceptionFactory,
					this.streamFirstChunkTimeout, this.streamIdleTimeout, deadlines), this.streamIncludeUsage);
			return template;
		}

		private static String checkedBaseUrl(String baseUrl) {
			try {
				URI uri = URI.create(baseUrl);
				if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
					throw new IllegalArgumentException();
				}
			}
			catch (IllegalArgumentException | NullPointerException ex) {
				throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, was '" + baseUrl + "'");
			}
			return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		}

		private static void requirePositive(String name, Duration value) {
			if (value == null || value.isZero() || value.isNegative()) {
				throw new IllegalArgumentException(name + " must be positive, was " + value);
			}
		}

	}

}
