package com.cometapi.client.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import com.cometapi.client.error.CometLimiterRejectedException;
import com.cometapi.client.resilience.CometLimiter;

/**
 * A {@link CometLimiter} that first takes a token from a token bucket per model shared by
 * all instances in Redis (Bucket4j), then asks the local limiter it wraps. A token is
 * reserved in one Redis round trip; when the bucket is empty the call waits for its slot
 * on a scheduled delay, never on a sleeping thread, and a call cancelled while it waits
 * gives its token back. A wait longer than the maximum is rejected at once with a
 * {@link CometLimiterRejectedException} naming
 * {@code cometapi.cluster.requests-per-second}. While Redis is unreachable the limiter
 * either goes on with the local limiter alone (fail-open) or rejects calls naming
 * {@code cometapi.cluster.on-redis-failure} (fail-closed).
 *
 * @author CometAPI team
 */
public final class ClusterRateLimiter implements CometLimiter {

	/**
	 * Property of the shared rate, named by a rejection.
	 */
	public static final String RATE_LIMIT = "cometapi.cluster.requests-per-second";

	/**
	 * Property of the failure mode, named by a fail-closed rejection.
	 */
	public static final String FAILURE_LIMIT = "cometapi.cluster.on-redis-failure";

	static final String OPERATION = "rate-limit";

	private static final long SCALE = 1000;

	private final ClusterRedis redis;

	private final CometLimiter local;

	private final BucketConfiguration configuration;

	private final long maxWaitNanos;

	private final String rate;

	private final Scheduler scheduler;

	private volatile Buckets buckets;

	/**
	 * Create a new instance.
	 * @param redis the Redis connection
	 * @param local the limiter of this instance, asked after the shared rate
	 * @param requestsPerSecond requests per second per model over all instances
	 * @param burst requests that may start at once on a full bucket
	 * @param maxWait longest wait for a token
	 */
	public ClusterRateLimiter(ClusterRedis redis, CometLimiter local, double requestsPerSecond, int burst,
			Duration maxWait) {
		this(redis, local, requestsPerSecond, burst, maxWait, Schedulers.parallel());
	}

	/**
	 * Create a new instance that waits on the given scheduler.
	 * @param redis the Redis connection
	 * @param local the limiter of this instance, asked after the shared rate
	 * @param requestsPerSecond requests per second per model over all instances
	 * @param burst requests that may start at once on a full bucket
	 * @param maxWait longest wait for a token
	 * @param scheduler the scheduler of waits and Redis timeouts
	 */
	public ClusterRateLimiter(ClusterRedis redis, CometLimiter local, double requestsPerSecond, int burst,
			Duration maxWait, Scheduler scheduler) {
		if (!(requestsPerSecond > 0)) {
			throw new IllegalArgumentException("requestsPerSecond must be positive, was " + requestsPerSecond);
		}
		if (burst < 1) {
			throw new IllegalArgumentException("burst must be at least 1, was " + burst);
		}
		this.redis = redis;
		this.local = local;
		this.configuration = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder()
				.capacity(burst * SCALE)
				.refillGreedy(Math.max(1, Math.round(requestsPerSecond * SCALE)), Duration.ofSeconds(1))
				.initialTokens(burst * SCALE)
				.build())
			.build();
		this.maxWaitNanos = maxWait.toNanos();
		this.rate = String.valueOf(requestsPerSecond);
		this.scheduler = scheduler;
	}

	/**
	 * Return the limiter this one wraps.
	 * @return the local limiter
	 */
	public CometLimiter getLocal() {
		return this.local;
	}

	@Override
	public Mono<Permit> acquire(String model) {
		return shared(model).then(Mono.defer(() -> this.local.acquire(model)));
	}

	private Mono<Void> shared(String model) {
		if (!this.redis.shouldTry()) {
			return unavailable(model);
		}
		return this.redis.connection()
			.flatMap((connection) -> reserve(bucket(connection, model)).timeout(this.redis.timeout(), this.scheduler))
			.doOnNext((reservation) -> this.redis.succeeded())
			.onErrorResume((ex) -> {
				this.redis.failed(OPERATION, ex);
				return Mono.just(Reservation.UNAVAILABLE);
			})
			.flatMap((reservation) -> waitFor(model, reservation));
	}

	private Mono<Reservation> reserve(AsyncBucketProxy bucket) {
		return Mono.create((sink) -> {
			CompletableFuture<Long> reservation = bucket.consumeIgnoringRateLimits(SCALE);
			AtomicBoolean cancelled = new AtomicBoolean();
			sink.onCancel(() -> {
				cancelled.set(true);
				reservation.thenAccept((nanos) -> giveBack(bucket));
			});
			reservation.whenComplete((nanos, ex) -> {
				if (cancelled.get()) {
					return;
				}
				if (ex != null) {
					sink.error(ex);
				}
				else {
					sink.success(new Reservation(bucket, nanos));
				}
			});
		});
	}

	private Mono<Void> waitFor(String model, Reservation reservation) {
		if (reservation == Reservation.UNAVAILABLE) {
			return unavailable(model);
		}
		if (reservation.nanos() == 0) {
			return Mono.empty();
		}
		if (reservation.nanos() > this.maxWaitNanos) {
			giveBack(reservation.bucket());
			return Mono.error(new CometLimiterRejectedException(model, RATE_LIMIT, this.rate));
		}
		return Mono.delay(Duration.ofNanos(reservation.nanos()), this.scheduler)
			.doOnCancel(() -> giveBack(reservation.bucket()))
			.then();
	}

	private Mono<Void> unavailable(String model) {
		if (this.redis.mode() == RedisFailureMode.FAIL_OPEN) {
			return Mono.empty();
		}
		return Mono.error(new CometLimiterRejectedException(model, FAILURE_LIMIT, "fail-closed"));
	}

	private void giveBack(AsyncBucketProxy bucket) {
		bucket.addTokens(SCALE).exceptionally((ex) -> null);
	}

	private AsyncBucketProxy bucket(StatefulRedisConnection<byte[], byte[]> connection, String model) {
		Buckets current = this.buckets;
		if (current == null || current.connection != connection) {
			current = new Buckets(connection);
			this.buckets = current;
		}
		return current.bucket(model);
	}

	private record Reservation(AsyncBucketProxy bucket, long nanos) {

		static final Reservation UNAVAILABLE = new Reservation(null, -1);

	}

	private final class Buckets {

		private final StatefulRedisConnection<byte[], byte[]> connection;

		private final AsyncProxyManager<byte[]> proxyManager;

		private final Map<String, AsyncBucketProxy> byModel = new ConcurrentHashMap<>();

		Buckets(StatefulRedisConnection<byte[], byte[]> connection) {
			this.connection = connection;
			this.proxyManager = Bucket4jLettuce.casBasedBuilder(connection)
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
				.build()
				.asAsync();
		}

		AsyncBucketProxy bucket(String model) {
			return this.byModel.computeIfAbsent(model, (key) -> this.proxyManager.builder()
				.build(ClusterRateLimiter.this.redis.key("rate:" + key), ClusterRateLimiter.this.configuration));
		}

	}

}
