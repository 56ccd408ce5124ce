package com.cometapi.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.cluster.ClusterDefaults;
import com.cometapi.client.cluster.RedisFailureMode;
import com.cometapi.client.error.CometErrorDecision;
import com.cometapi.client.observation.CometHealthEvaluator;
import com.cometapi.client.resilience.ConcurrencySettings;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.resilience.RetrySettings;

/**
 * Configuration properties of the CometAPI client, bound to {@code cometapi.*}.
 *
 * @author CometAPI team
 */
@ConfigurationProperties("cometapi")
public class CometApiProperties {

	/**
	 * CometAPI key, sent as a bearer token. When unset, the COMETAPI_KEY environment
	 * variable is used. Never logged, and masked in the actuator's env and configprops
	 * endpoints.
	 */
	private String apiKey;

	/**
	 * Base URL of CometAPI, without /v1 (a trailing /v1 is dropped with a warning). Plain
	 * http to a host other than localhost or a loopback address logs a warning. A user or
	 * password in the URL fails start-up: the API key authenticates.
	 */
	private String baseUrl = CometTemplate.DEFAULT_BASE_URL;

	/**
	 * TCP connect timeout, at most 24d.
	 */
	private Duration connectTimeout = CometTemplate.DEFAULT_CONNECT_TIMEOUT;

	/**
	 * How long one HTTP attempt of a non-streamed call may take, from sending the request
	 * to the end of the response body, at most 24d. Streams are bounded by the stream
	 * timeouts.
	 */
	private Duration responseTimeout = CometTemplate.DEFAULT_RESPONSE_TIMEOUT;

	/**
	 * Deadline of a whole call, retries and fallbacks included, at most 24d. No backoff
	 * sleeps past it, a model with another after it is retried only while the backoff
	 * plus one attempt's timeout (response-timeout, for streams first-chunk-timeout)
	 * still fits, and a stream still running when it passes ends with a
	 * CometStreamTimeoutException.
	 */
	private Duration timeout = CometTemplate.DEFAULT_TIMEOUT;

	/**
	 * Largest response body read into memory, and most bytes a whole stream may have. A
	 * larger answer fails the call at once with a CometResponseTooLargeException.
	 */
	private DataSize maxResponseSize = DataSize.ofBytes(CometTemplate.DEFAULT_MAX_RESPONSE_SIZE);

	/**
	 * Most connections of the client's own connection pool, from 1 to 100000.
	 */
	private int maxConnections = CometTemplate.DEFAULT_MAX_CONNECTIONS;

	/**
	 * Default models, in fallback order, for requests that name no model; each at most
	 * once.
	 */
	private List<String> models = new ArrayList<>();

	/**
	 * Named routes: each an ordered model list with optional overrides of the retry
	 * settings, deadline and hedging.
	 */
	private Map<String, Route> routes = new LinkedHashMap<>();

	private final Retry retry = new Retry();

	private final Fallback fallback = new Fallback();

	private final Concurrency concurrency = new Concurrency();

	private final Stream stream = new Stream();

	private final Catalog catalog = new Catalog();

	private final Observation observation = new Observation();

	private final Cluster cluster = new Cluster();

	public String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(String apiKey) {
		this.apiKey = apiKey;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getResponseTimeout() {
		return this.responseTimeout;
	}

	public void setResponseTimeout(Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public DataSize getMaxResponseSize() {
		return this.maxResponseSize;
	}

	public void setMaxResponseSize(DataSize maxResponseSize) {
		this.maxResponseSize = maxResponseSize;
	}

	public int getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(int maxConnections) {
		this.maxConnections = maxConnections;
	}

	public List<String> getModels() {
		return this.models;
	}

	public void setModels(List<String> models) {
		this.models = models;
	}

	public Map<String, Route> getRoutes() {
		return this.routes;
	}

	public void setRoutes(Map<String, Route> routes) {
		this.routes = routes;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Fallback getFallback() {
		return this.fallback;
	}

	public Concurrency getConcurrency() {
		return this.concurrency;
	}

	public Stream getStream() {
		return this.stream;
	}

	public Catalog getCatalog() {
		return this.catalog;
	}

	public Observation getObservation() {
		return this.observation;
	}

	public Cluster getCluster() {
		return this.cluster;
	}

	@Override
	public String toString() {
		return "CometApiProperties[baseUrl=" + this.baseUrl + ", apiKey=" + ((this.apiKey != null) ? "****" : "unset")
				+ ", models=" + this.models + ", routes=" + this.routes.keySet() + "]";
	}

	/**
	 * Retry of the same model.
	 */
	public static class Retry {

		/**
		 * Attempts per model, the first one included (1 = no retry), from 1 to 100.
		 */
		private int maxAttempts = RetrySettings.DEFAULTS.maxAttempts();

		/**
		 * Delay before the first retry, before jitter.
		 */
		private Duration initialBackoff = RetrySettings.DEFAULTS.initialBackoff();

		/**
		 * Factor applied to the delay after each retry, from 1 to 100.
		 */
		private double multiplier = RetrySettings.DEFAULTS.multiplier();

		/**
		 * Cap of the delay, before jitter.
		 */
		private Duration maxBackoff = RetrySettings.DEFAULTS.maxBackoff();

		/**
		 * How the delay d = min(max-backoff, initial-backoff * multiplier^(retry-1)) is
		 * randomised: full waits a uniform time in [0, d], equal waits d/2 plus a uniform
		 * time in [0, d/2], none waits d.
		 */
		private Jitter jitter = RetrySettings.DEFAULTS.jitter();

		/**
		 * Whether the server's Retry-After (seconds or an HTTP date) or retry-after-ms
		 * replaces the computed delay. A delay longer than what is left of the call's
		 * deadline moves to the next model at once.
		 */
		private boolean respectRetryAfter = RetrySettings.DEFAULTS.respectRetryAfter();

		/**
		 * Decisions forced per HTTP status (retry, next-model or fail), winning over the
		 * built-in decision table.
		 */
		private Map<Integer, CometErrorDecision> statusDecisions = new LinkedHashMap<>();

		private final Budget budget = new Budget();

		private final Connection connection = new Connection();

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Jitter getJitter() {
			return this.jitter;
		}

		public void setJitter(Jitter jitter) {
			this.jitter = jitter;
		}

		public boolean isRespectRetryAfter() {
			return this.respectRetryAfter;
		}

		public void setRespectRetryAfter(boolean respectRetryAfter) {
			this.respectRetryAfter = respectRetryAfter;
		}

		public Map<Integer, CometErrorDecision> getStatusDecisions() {
			return this.statusDecisions;
		}

		public void setStatusDecisions(Map<Integer, CometErrorDecision> statusDecisions) {
			this.statusDecisions = statusDecisions;
		}

		public Budget getBudget() {
			return this.budget;
		}

		public Connection getConnection() {
			return this.connection;
		}

	}

	/**
	 * Retry of a model whose connection failed before any response byte arrived (refused,
	 * reset or closed before the status line), counted apart from the other failures and
	 * on its own short backoff; multiplier and jitter are those of cometapi.retry.
	 */
	public static class Connection {

		/**
		 * Attempts per model that may fail before any response byte, the first one
		 * included (1 = no retry of such failures), from 1 to 100.
		 */
		private int maxAttempts = 10;

		/**
		 * Delay before the first retry of a connection failure, before jitter.
		 */
		private Duration initialBackoff = Duration.ofMillis(10);

		/**
		 * Cap of the delay between retries of connection failures, before jitter.
		 */
		private Duration maxBackoff = Duration.ofMillis(250);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

	}

	/**
	 * Retry budget shared by all calls of the template.
	 */
	public static class Budget {

		/**
		 * Whether retries are capped by the budget.
		 */
		private boolean enabled = true;

		/**
		 * Retries allowed per call sent in the window (0.5 = retries add at most 50%),
		 * from 0 to 10. 0.5 lets a fault rate of 20% (0.25 retries per call) through with
		 * room for its random swings, and up to a third of failed requests on average.
		 */
		private double ratio = RetryBudget.DEFAULT_RATIO;

		/**
		 * Retries always allowed per second, so a quiet application can still retry.
		 */
		private int minRetriesPerSecond = RetryBudget.DEFAULT_MIN_RETRIES_PER_SECOND;

		/**
		 * Length of the sliding window, in whole seconds, from 1s to 1h.
		 */
		private Duration window = RetryBudget.DEFAULT_WINDOW;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public double getRatio() {
			return this.ratio;
		}

		public void setRatio(double ratio) {
			this.ratio = ratio;
		}

		public int getMinRetriesPerSecond() {
			return this.minRetriesPerSecond;
		}

		public void setMinRetriesPerSecond(int minRetriesPerSecond) {
			this.minRetriesPerSecond = minRetriesPerSecond;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

	}

	/**
	 * Moving to the next model.
	 */
	public static class Fallback {

		private final Cooldown cooldown = new Cooldown();

		public Cooldown getCooldown() {
			return this.cooldown;
		}

	}

	/**
	 * Skipping a model that keeps failing.
	 */
	public static class Cooldown {

		/**
		 * Whether a model that keeps failing is skipped for a while.
		 */
		private boolean enabled = true;

		/**
		 * Share of failed calls, in (0, 1], above which the model is skipped.
		 */
		private double failureRateThreshold = CooldownSettings.DEFAULTS.failureRateThreshold();

		/**
		 * How many of the model's latest calls are looked at, from 1 to 10000.
		 */
		private int windowSize = CooldownSettings.DEFAULTS.windowSize();

		/**
		 * Calls needed in the window before the failure rate is trusted.
		 */
		private int minimumCalls = CooldownSettings.DEFAULTS.minimumCalls();

		/**
		 * How long a failing model is skipped.
		 */
		private Duration duration = CooldownSettings.DEFAULTS.duration();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public double getFailureRateThreshold() {
			return this.failureRateThreshold;
		}

		public void setFailureRateThreshold(double failureRateThreshold) {
			this.failureRateThreshold = failureRateThreshold;
		}

		public int getWindowSize() {
			return this.windowSize;
		}

		public void setWindowSize(int windowSize) {
			this.windowSize = windowSize;
		}

		public int getMinimumCalls() {
			return this.minimumCalls;
		}

		public void setMinimumCalls(int minimumCalls) {
			this.minimumCalls = minimumCalls;
		}

		public Duration getDuration() {
			return this.duration;
		}

		public void setDuration(Duration duration) {
			this.duration = duration;
		}

	}

	/**
	 * Concurrency and rate control before requests leave the application.
	 */
	public static class Concurrency {

		/**
		 * Whether calls wait for a permit of the client-side limiter.
		 */
		private boolean enabled = true;

		/**
		 * Most requests in flight per model, never exceeded. When adaptive, the limit
		 * starts at 16, doubles while calls wait and the server accepts them, and rises
		 * up to this ceiling.
		 */
		private int maxInFlight = ConcurrencySettings.DEFAULTS.maxInFlight();

		/**
		 * Most calls waiting for a permit per model, from 0 to 1000000; more are rejected
		 * at once.
		 */
		private int maxQueued = ConcurrencySettings.DEFAULTS.maxQueued();

		/**
		 * Longest wait for a permit before the call is rejected; unset to let the call's
		 * deadline (cometapi.timeout) bound the wait.
		 */
		private Duration queueTimeout = ConcurrencySettings.DEFAULTS.queueTimeout();

		/**
		 * Whether the limit adapts: follows demand while the server accepts it, cut and
		 * paced at the accepted rate on 429.
		 */
		private boolean adaptive = ConcurrencySettings.DEFAULTS.adaptive();

		/**
		 * Lowest limit the adaptive limiter cuts to.
		 */
		private int minInFlight = ConcurrencySettings.DEFAULTS.minInFlight();

		/**
		 * Requests per second allowed per model by a token bucket, greater than 0 and at
		 * most 1000000; unset for no rate limit.
		 */
		private Double requestsPerSecond;

		/**
		 * Per-model overrides of max-in-flight, max-queued and requests-per-second.
		 */
		private Map<String, ModelLimit> models = new LinkedHashMap<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxInFlight() {
			return this.maxInFlight;
		}

		public void setMaxInFlight(int maxInFlight) {
			this.maxInFlight = maxInFlight;
		}

		public int getMaxQueued() {
			return this.maxQueued;
		}

		public void setMaxQueued(int maxQueued) {
			this.maxQueued = maxQueued;
		}

		public Duration getQueueTimeout() {
			return this.queueTimeout;
		}

		public void setQueueTimeout(Duration queueTimeout) {
			this.queueTimeout = queueTimeout;
		}

		public boolean isAdaptive() {
			return this.adaptive;
		}

		public void setAdaptive(boolean adaptive) {
			this.adaptive = adaptive;
		}

		public int getMinInFlight() {
			return this.minInFlight;
		}

		public void setMinInFlight(int minInFlight) {
			this.minInFlight = minInFlight;
		}

		public Double getRequestsPerSecond() {
			return this.requestsPerSecond;
		}

		public void setRequestsPerSecond(Double requestsPerSecond) {
			this.requestsPerSecond = requestsPerSecond;
		}

		public Map<String, ModelLimit> getModels() {
			return this.models;
		}

		public void setModels(Map<String, ModelLimit> models) {
			this.models = models;
		}

	}

	/**
	 * Limits of one model; unset values use the concurrency defaults.
	 */
	public static class ModelLimit {

		/**
		 * Most requests in flight to this model.
		 */
		private Integer maxInFlight;

		/**
		 * Most calls waiting for a permit of this model.
		 */
		private Integer maxQueued;

		/**
		 * Requests per second allowed to this model.
		 */
		private Double requestsPerSecond;

		public Integer getMaxInFlight() {
			return this.maxInFlight;
		}

		public void setMaxInFlight(Integer maxInFlight) {
			this.maxInFlight = maxInFlight;
		}

		public Integer getMaxQueued() {
			return this.maxQueued;
		}

		public void setMaxQueued(Integer maxQueued) {
			this.maxQueued = maxQueued;
		}

		public Double getRequestsPerSecond() {
			return this.requestsPerSecond;
		}

		public void setRequestsPerSecond(Double requestsPerSecond) {
			this.requestsPerSecond = requestsPerSecond;
		}

	}

	/**
	 * Streaming chat.
	 */
	public static class Stream {

		/**
		 * Longest wait for the first chunk of a stream; retry and fallback happen only
		 * before it.
		 */
		private Duration firstChunkTimeout = CometTemplate.DEFAULT_STREAM_FIRST_CHUNK_TIMEOUT;

		/**
		 * Longest silence between two chunks (keep-alive comments count) before the
		 * stream fails.
		 */
		private Duration idleTimeout = CometTemplate.DEFAULT_STREAM_IDLE_TIMEOUT;

		/**
		 * Whether streams ask for the usage chunk (stream_options.include_usage), so
		 * token metrics work.
		 */
		private boolean includeUsage = CometTemplate.DEFAULT_STREAM_INCLUDE_USAGE;

		public Duration getFirstChunkTimeout() {
			return this.firstChunkTimeout;
		}

		public void setFirstChunkTimeout(Duration firstChunkTimeout) {
			this.firstChunkTimeout = firstChunkTimeout;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public boolean isIncludeUsage() {
			return this.includeUsage;
		}

		public void setIncludeUsage(boolean includeUsage) {
			this.includeUsage = includeUsage;
		}

	}

	/**
	 * The public model catalog (/api/models).
	 */
	public static class Catalog {

		/**
		 * Whether the catalog is read at all (for cost estimates and the start-up check).
		 */
		private boolean enabled = true;

		/**
		 * Start-up check of the configured models against the catalog: off, warn (in the
		 * background, start-up never waits) or fail (start-up waits, at most
		 * startup-timeout).
		 */
		private Validation validate = Validation.WARN;

		/**
		 * How often the cached catalog is refreshed.
		 */
		private Duration refreshInterval = Duration.ofHours(1);

		/**
		 * Longest wait for the catalog at start-up. With validate=fail start-up waits at
		 * most this long; with warn the check runs in the background and gives up after
		 * this long.
		 */
		private Duration startupTimeout = Duration.ofSeconds(5);

		/**
		 * Warn at start-up, one line per model list, when a fallback model costs more
		 * than this many times its primary (input plus output price); greater than 0.
		 */
		private double maxFallbackCostRatio = 50.0;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Validation getValidate() {
			return this.validate;
		}

		public void setValidate(Validation validate) {
			this.validate = validate;
		}

		public Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

		public Duration getStartupTimeout() {
			return this.startupTimeout;
		}

		public void setStartupTimeout(Duration startupTimeout) {
			this.startupTimeout = startupTimeout;
		}

		public double getMaxFallbackCostRatio() {
			return this.maxFallbackCostRatio;
		}

		public void setMaxFallbackCostRatio(double maxFallbackCostRatio) {
			this.maxFallbackCostRatio = maxFallbackCostRatio;
		}

		/**
		 * What the start-up check does with a model the catalog does not know.
		 */
		public enum Validation {

			/**
			 * No check, and no network at start-up.
			 */
			OFF,

			/**
			 * Check in the background, without holding start-up, and log warnings.
			 */
			WARN,

			/**
			 * Check before start-up ends, waiting at most the start-up timeout, and stop
			 * start-up on a problem.
			 */
			FAIL

		}

	}

	/**
	 * Metrics, traces and logs.
	 */
	public static class Observation {

		/**
		 * Whether calls are observed (metrics and traces).
		 */
		private boolean enabled = true;

		/**
		 * Whether prompt and completion text may be logged (at DEBUG).
		 */
		private boolean logContent = false;

		private final Health health = new Health();

		private final Events events = new Events();

		public Health getHealth() {
			return this.health;
		}

		public Events getEvents() {
			return this.events;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isLogContent() {
			return this.logContent;
		}

		public void setLogContent(boolean logContent) {
			this.logContent = logContent;
		}

		/**
		 * Spring application events on fallbacks, cooldowns and limit changes.
		 */
		public static class Events {

			/**
			 * Whether CometApiEvent application events are published.
			 */
			private boolean enabled = true;

			/**
			 * How often cooldowns and limits are looked at for changes to publish.
			 */
			private Duration pollInterval = Duration.ofSeconds(1);

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public Duration getPollInterval() {
				return this.pollInterval;
			}

			public void setPollInterval(Duration pollInterval) {
				this.pollInterval = pollInterval;
			}

		}

		/**
		 * Health indicator judging live traffic.
		 */
		public static class Health {

			/**
			 * How many of its latest attempts are remembered per model, from 1 to 10000.
			 */
			private int windowSize = 20;

			/**
			 * Fewest recent attempts a model is judged on, from 1 to window-size.
			 */
			private int minimumAttempts = CometHealthEvaluator.Settings.DEFAULTS.minimumAttempts();

			/**
			 * Share of failed recent attempts, greater than 0 and at most 1, from which a
			 * model counts as failing.
			 */
			private double failureRateThreshold = CometHealthEvaluator.Settings.DEFAULTS.failureRateThreshold();

			/**
			 * How old a model's latest attempt may be before its traffic is ignored.
			 */
			private Duration staleAfter = CometHealthEvaluator.Settings.DEFAULTS.staleAfter();

			/**
			 * Whether health also reads the public catalog (/api/models) now and then, an
			 * active check whose result is cached; an unreachable catalog degrades
			 * health.
			 */
			private boolean catalogCheck = false;

			/**
			 * Least time between two active catalog checks.
			 */
			private Duration catalogCheckInterval = Duration.ofMinutes(1);

			/**
			 * Whether the cometapi health component reports DOWN (and so takes the
			 * aggregate health, and a probe of it, down) when the API key is refused or
			 * every model is failing. When false it reports DEGRADED with the reason,
			 * which the default status order ignores.
			 */
			private boolean affectsAggregate = false;

			public boolean isAffectsAggregate() {
				return this.affectsAggregate;
			}

			public void setAffectsAggregate(boolean affectsAggregate) {
				this.affectsAggregate = affectsAggregate;
			}

			public boolean isCatalogCheck() {
				return this.catalogCheck;
			}

			public void setCatalogCheck(boolean catalogCheck) {
				this.catalogCheck = catalogCheck;
			}

			public Duration getCatalogCheckInterval() {
				return this.catalogCheckInterval;
			}

			public void setCatalogCheckInterval(Duration catalogCheckInterval) {
				this.catalogCheckInterval = catalogCheckInterval;
			}

			public int getWindowSize() {
				return this.windowSize;
			}

			public void setWindowSize(int windowSize) {
				this.windowSize = windowSize;
			}

			public int getMinimumAttempts() {
				return this.minimumAttempts;
			}

			public void setMinimumAttempts(int minimumAttempts) {
				this.minimumAttempts = minimumAttempts;
			}

			public double getFailureRateThreshold() {
				return this.failureRateThreshold;
			}

			public void setFailureRateThreshold(double failureRateThreshold) {
				this.failureRateThreshold = failureRateThreshold;
			}

			public Duration getStaleAfter() {
				return this.staleAfter;
			}

			public void setStaleAfter(Duration staleAfter) {
				this.staleAfter = staleAfter;
			}

		}

	}

	/**
	 * Limits shared by every instance of the application that uses the same API key, kept
	 * in Redis.
	 */
	public static class Cluster {

		/**
		 * Whether the request rate and the retry budget are shared across instances
		 * through Redis. Needs lettuce-core on the class path.
		 */
		private boolean enabled = false;

		/**
		 * Redis to share the limits on, for example redis://127.0.0.1:6379 (its
		 * credentials are masked in the actuator endpoints). When unset, the
		 * application's Spring Data Redis Lettuce connection is reused if there is one,
		 * else redis://localhost:6379.
		 */
		private String redisUrl;

		/**
		 * Longest wait for one Redis command; a slower answer counts as a Redis failure.
		 */
		private Duration redisTimeout = ClusterDefaults.REDIS_TIMEOUT;

		/**
		 * How long Redis is left alone after a failure before it is tried again.
		 */
		private Duration recheckInterval = ClusterDefaults.RECHECK_INTERVAL;

		/**
		 * What calls do while Redis is unreachable: fail-open falls back to the local
		 * limits, fail-closed rejects calls and retries.
		 */
		private RedisFailureMode onRedisFailure = ClusterDefaults.FAILURE_MODE;

		/**
		 * Requests per second per model summed over all instances; unset to share no
		 * rate.
		 */
		private Double requestsPerSecond;

		/**
		 * Requests that may start at once on a full shared bucket; unset for a tenth of
		 * requests-per-second, at least 1.
		 */
		private Integer burst;

		/**
		 * Longest wait for a token of the shared rate before the call is rejected.
		 */
		private Duration maxWait = Duration.ofSeconds(30);

		/**
		 * Whether the retry budget (cometapi.retry.budget.*) counts the calls and retries
		 * of all instances.
		 */
		private boolean shareRetryBudget = true;

		/**
		 * How often each instance adds its calls and retries to the shared retry budget
		 * and reads the cluster totals.
		 */
		private Duration budgetSyncInterval = Duration.ofSeconds(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getRedisUrl() {
			return this.redisUrl;
		}

		public void setRedisUrl(String redisUrl) {
			this.redisUrl = redisUrl;
		}

		public Duration getRedisTimeout() {
			return this.redisTimeout;
		}

		public void setRedisTimeout(Duration redisTimeout) {
			this.redisTimeout = redisTimeout;
		}

		public Duration getRecheckInterval() {
			return this.recheckInterval;
		}

		public void setRecheckInterval(Duration recheckInterval) {
			this.recheckInterval = recheckInterval;
		}

		public RedisFailureMode getOnRedisFailure() {
			return this.onRedisFailure;
		}

		public void setOnRedisFailure(RedisFailureMode onRedisFailure) {
			this.onRedisFailure = onRedisFailure;
		}

		public Double getRequestsPerSecond() {
			return this.requestsPerSecond;
		}

		public void setRequestsPerSecond(Double requestsPerSecond) {
			this.requestsPerSecond = requestsPerSecond;
		}

		public Integer getBurst() {
			return this.burst;
		}

		public void setBurst(Integer burst) {
			this.burst = burst;
		}

		public Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

		public boolean isShareRetryBudget() {
			return this.shareRetryBudget;
		}

		public void setShareRetryBudget(boolean shareRetryBudget) {
			this.shareRetryBudget = shareRetryBudget;
		}

		public Duration getBudgetSyncInterval() {
			return this.budgetSyncInterval;
		}

		public void setBudgetSyncInterval(Duration budgetSyncInterval) {
			this.budgetSyncInterval = budgetSyncInterval;
		}

	}

	/**
	 * A named route; unset values use the defaults of cometapi.*.
	 */
	public static class Route {

		/**
		 * Models of the route, in fallback order; each at most once.
		 */
		private List<String> models = new ArrayList<>();

		/**
		 * Deadline of a call on this route.
		 */
		private Duration timeout;

		/**
		 * When the current model has not answered in this time, start the next one too
		 * and take the first success (costs more; off when unset).
		 */
		private Duration hedgeAfter;

		private final RouteRetry retry = new RouteRetry();

		public List<String> getModels() {
			return this.models;
		}

		public void setModels(List<String> models) {
			this.models = models;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getHedgeAfter() {
			return this.hedgeAfter;
		}

		public void setHedgeAfter(Duration hedgeAfter) {
			this.hedgeAfter = hedgeAfter;
		}

		public RouteRetry getRetry() {
			return this.retry;
		}

		@Override
		public String toString() {
			return "Route" + this.models;
		}

	}

	/**
	 * Retry overrides of a route; unset values use cometapi.retry.*.
	 */
	public static class RouteRetry {

		/**
		 * Attempts per model on this route.
		 */
		private Integer maxAttempts;

		/**
		 * Delay before the first retry on this route.
		 */
		private Duration initialBackoff;

		/**
		 * Factor applied to the delay after each retry on this route.
		 */
		private Double multiplier;

		/**
		 * Cap of the delay on this route.
		 */
		private Duration maxBackoff;

		/**
		 * Jitter on this route.
		 */
		private Jitter jitter;

		/**
		 * Whether Retry-After is respected on this route.
		 */
		private Boolean respectRetryAfter;

		public Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(Double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Jitter getJitter() {
			return this.jitter;
		}

		public void setJitter(Jitter jitter) {
			this.jitter = jitter;
		}

		public Boolean getRespectRetryAfter() {
			return this.respectRetryAfter;
		}

		public void setRespectRetryAfter(Boolean respectRetryAfter) {
			this.respectRetryAfter = respectRetryAfter;
		}

	}

}
