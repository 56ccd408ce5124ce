package com.cometapi.client.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import com.cometapi.client.error.LogSafe;

/**
 * The Redis connection of the shared limits and what is known of its health. It connects
 * on first use or {@link #connectNow()}, loading the Lua scripts of the shared limits,
 * never waits longer than the connect timeout (an application starts even when Redis is
 * down), lets Lettuce reconnect after an outage, and keeps a lock-free up/down state:
 * after a failure Redis is left alone for the recheck interval, then one caller probes
 * it. The first failure of an outage logs one warning and the recovery one info line;
 * every failure is passed to the {@link RedisFailureListener}.
 *
 * @author CometAPI team
 */
public final class ClusterRedis implements AutoCloseable {

	static final String CONNECT_OPERATION = "connect";

	private static final Logger logger = LoggerFactory.getLogger(ClusterRedis.class);

	private static final List<RedisScript> SCRIPTS = List.of(RateScript.RESERVE, RateScript.GIVE_BACK,
			BudgetScript.SYNC);

	private final RedisClient client;

	private final RedisURI uri;

	private final ClientResources ownedResources;

	private final String keyPrefix;

	private final Duration timeout;

	private final long recheckNanos;

	private final RedisFailureMode mode;

	private final RedisFailureListener listener;

	private final String location;

	private final Duration connectTimeout;

	private final AtomicReference<CompletableFuture<StatefulRedisConnection<byte[], byte[]>>> connection = new AtomicReference<>();

	private final AtomicBoolean down = new AtomicBoolean();

	private final AtomicLong retryAt = new AtomicLong();

	private volatile boolean closed;

	private ClusterRedis(Builder builder) {
		this.keyPrefix = builder.keyPrefix;
		this.timeout = builder.timeout;
		this.recheckNanos = builder.recheckInterval.toNanos();
		this.mode = builder.mode;
		this.listener = builder.listener;
		if (builder.client != null) {
			this.client = builder.client;
			this.uri = builder.uri;
			this.ownedResources = null;
		}
		else {
			this.uri = RedisURI.create(builder.redisUrl);
			this.uri.setTimeout(this.timeout);
			Duration reconnect = builder.recheckInterval;
			this.ownedResources = DefaultClientResources.builder()
				.reconnectDelay(Delay.exponential(Duration.ofMillis(10), reconnect, 2, TimeUnit.MILLISECONDS))
				.build();
			this.client = RedisClient.create(this.ownedResources);
			this.client.setOptions(ClientOptions.builder()
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.timeoutOptions(TimeoutOptions.enabled(this.timeout))
				.socketOptions(SocketOptions.builder().connectTimeout(connectTimeout(this.timeout)).build())
				.build());
		}
		this.location = this.uri.getHost() + ":" + this.uri.getPort();
		this.connectTimeout = connectTimeout(this.timeout);
	}

	private static Duration connectTimeout(Duration timeout) {
		return (timeout.compareTo(Duration.ofSeconds(1)) < 0) ? Duration.ofSeconds(1) : timeout;
	}

	/**
	 * Start building a connection.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the connection, connecting first if there is none yet or the last attempt
	 * failed; a connection attempt may take the redis timeout or one second, whichever is
	 * longer. Cancelling the returned {@code Mono} does not cancel the connection.
	 * @return the connection
	 */
	public Mono<StatefulRedisConnection<byte[], byte[]>> connection() {
		CompletableFuture<StatefulRedisConnection<byte[], byte[]>> current = this.connection.get();
		if (current == null || current.isCompletedExceptionally()) {
			if (this.closed) {
				return Mono.error(new IllegalStateException("The shared CometAPI limits are closed"));
			}
			CompletableFuture<StatefulRedisConnection<byte[], byte[]>> next = new CompletableFuture<>();
			if (this.connection.compareAndSet(current, next)) {
				this.client.connectAsync(ByteArrayCodec.INSTANCE, this.uri).whenComplete((connection, ex) -> {
					if (ex != null) {
						next.completeExceptionally(ex);
					}
					else {
						loadScripts(connection).whenComplete((loaded, failure) -> next.complete(connection));
					}
				});
			}
			current = this.connection.get();
		}
		return Mono.fromFuture(current, true).timeout(this.connectTimeout);
	}

	/**
	 * Connect and load the scripts of the shared limits now, so that the first calls of a
	 * start-up burst need one round trip each; waits at most the redis timeout or one
	 * second, whichever is longer. A failure counts as an outage (logged once), which the
	 * first calls then handle by the failure mode. Blocks: call it at start-up, never on
	 * an event loop.
	 * @return whether Redis answered
	 */
	public boolean connectNow() {
		try {
			connection().block();
			succeeded();
			return true;
		}
		catch (RuntimeException ex) {
			failed(CONNECT_OPERATION, ex);
			return false;
		}
	}

	private static CompletableFuture<Void> loadScripts(StatefulRedisConnection<byte[], byte[]> connection) {
		return CompletableFuture.allOf(SCRIPTS.stream()
			.map((script) -> script.load(connection.async()).toCompletableFuture())
			.toArray(CompletableFuture[]::new));
	}

	/**
	 * Whether a caller should use Redis now: always while it is up; while it is down,
	 * once per recheck interval (the probe that notices it is back).
	 * @return whether to try Redis
	 */
	public boolean shouldTry() {
		if (!this.down.get()) {
			return true;
		}
		long at = this.retryAt.get();
		long now = System.nanoTime();
		return now - at >= 0 && this.retryAt.compareAndSet(at, now + this.recheckNanos);
	}

	/**
	 * Whether the last Redis command failed.
	 * @return whether Redis is considered down
	 */
	public boolean isDown() {
		return this.down.get();
	}

	/**
	 * Record that a Redis command succeeded.
	 */
	public void succeeded() {
		if (this.down.get() && this.down.compareAndSet(true, false)) {
			logger.info("Redis at {} answers again: CometAPI limits are shared across instances again", this.location);
		}
	}

	/**
	 * Record that a Redis command failed or timed out.
	 * @param operation what the command was for
	 * @param failure why it failed
	 */
	public void failed(String operation, Throwable failure) {
		this.retryAt.set(System.nanoTime() + this.recheckNanos);
		if (this.down.compareAndSet(false, true)) {
			logger.warn("Redis at {} is unreachable ({}): {} until it answers again", this.location,
					LogSafe.escape(failure.toString()),
					(this.mode == RedisFailureMode.FAIL_OPEN) ? "CometAPI calls fall back to the local limits"
							: "CometAPI calls are rejected (fail-closed)");
		}
		try {
			this.listener.onRedisFailure(operation, failure);
		}
		catch (RuntimeException ex) {
			logger.debug("Redis failure listener failed", ex);
		}
	}

	/**
	 * Return the full Redis key for the given suffix.
	 * @param suffix the part after the prefix, for example {@code rate:gpt-5}
	 * @return the key as bytes
	 */
	public byte[] key(String suffix) {
		return (this.keyPrefix + suffix).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Return the prefix of every key, derived from a hash of the API key.
	 * @return the prefix
	 */
	public String keyPrefix() {
		return this.keyPrefix;
	}

	/**
	 * Return the longest wait for one Redis command.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Whether this holder created its own Redis client (and shuts it down on close),
	 * rather than opening a connection on the application's client.
	 * @return whether the client is our own
	 */
	public boolean ownsClient() {
		return this.ownedResources != null;
	}

	/**
	 * Return what calls do while Redis is down.
	 * @return the failure mode
	 */
	public RedisFailureMode mode() {
		return this.mode;
	}

	@Override
	public void close() {
		this.closed = true;
		CompletableFuture<StatefulRedisConnection<byte[], byte[]>> current = this.connection.getAndSet(null);
		if (current != null) {
			current.thenAccept(StatefulRedisConnection::closeAsync);
		}
		if (this.ownedResources != null) {
			this.client.shutdownAsync(0, 1, TimeUnit.SECONDS)
				.whenComplete((result, ex) -> this.ownedResources.shutdown(0, 1, TimeUnit.SECONDS));
		}
	}

	@Override
	public String toString() {
		return "ClusterRedis[" + this.location + ", prefix=" + this.keyPrefix + ", " + this.mode + "]";
	}

	/**
	 * Builds a {@link ClusterRedis}.
	 */
	public static final class Builder {

		private String redisUrl = ClusterDefaults.REDIS_URL;

		private RedisClient client;

		private RedisURI uri;

		private String keyPrefix;

		private Duration timeout = ClusterDefaults.REDIS_TIMEOUT;

		private Duration recheckInterval = ClusterDefaults.RECHECK_INTERVAL;

		private RedisFailureMode mode = ClusterDefaults.FAILURE_MODE;

		private RedisFailureListener listener = RedisFailureListener.NONE;

		private Builder() {
		}

		/**
		 * Connect with a client of our own to this URL.
		 * @param redisUrl for example {@code redis://127.0.0.1:6379}
		 * @return this builder
		 */
		public Builder redisUrl(String redisUrl) {
			this.redisUrl = redisUrl;
			this.client = null;
			return this;
		}

		/**
		 * Open a connection of our own on the application's client, which is neither
		 * configured nor shut down here.
		 * @param client the application's client
		 * @param uri where to connect
		 * @return this builder
		 */
		public Builder redisClient(RedisClient client, RedisURI uri) {
			this.client = client;
			this.uri = uri;
			return this;
		}

		/**
		 * Set the API key whose limits are shared. Only a hash of it is kept.
		 * @param apiKey the CometAPI key
		 * @return this builder
		 */
		public Builder apiKey(String apiKey) {
			this.keyPrefix = ClusterKeys.prefix(apiKey);
			return this;
		}

		/**
		 * Set the longest wait for one Redis command.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		/**
		 * Set how long Redis is left alone after a failure.
		 * @param recheckInterval the interval
		 * @return this builder
		 */
		public Builder recheckInterval(Duration recheckInterval) {
			this.recheckInterval = recheckInterval;
			return this;
		}

		/**
		 * Set what calls do while Redis is down.
		 * @param mode the failure mode
		 * @return this builder
		 */
		public Builder onRedisFailure(RedisFailureMode mode) {
			this.mode = mode;
			return this;
		}

		/**
		 * Set the listener told about each Redis failure.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder failureListener(RedisFailureListener listener) {
			this.listener = listener;
			return this;
		}

		/**
		 * Build the connection holder; nothing connects yet.
		 * @return the connection holder
		 */
		public ClusterRedis build() {
			if (this.keyPrefix == null) {
				throw new IllegalStateException("apiKey is required");
			}
			return new ClusterRedis(this);
		}

	}

}
