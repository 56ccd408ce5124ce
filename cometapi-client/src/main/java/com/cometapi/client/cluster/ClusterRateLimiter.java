package com.cometapi.client.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.api.async.RedisAsyncCommands;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import com.cometapi.client.error.CometLimiterRejectedException;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.resilience.ModelKeys;

/**
 * A {@link CometLimiter} that first reserves a slot of a rate per model shared by all
 * instances in Redis (a GCRA token bucket in one Lua script: one atomic round trip,
 * Redis's clock), then asks the local limiter it wraps. When the bucket is empty the call
 * waits for its slot on a scheduled delay, never on a sleeping thread; a call cancelled
 * while it waits, or rejected or cancelled by the local limiter, gives its slot back. A
 * wait longer than the maximum is rejected at once with a
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

	private final ClusterRedis redis;

	private final CometLimiter local;

	private final RateScript script;

	private final String rate;

	private final Scheduler scheduler;

	private final Map<String, byte[]> keys = new ConcurrentHashMap<>();

	private final ModelKeys models = ModelKeys.bounded(List.of(), ModelKeys.MAX_MODELS);

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
		this.script = new RateScript(Math.max(1, Math.round(1_000_000 / requestsPerSecond)), burst,
				maxWait.toNanos() / 1000);
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

	/**
	 * Forget what the local limiter learnt; the shared rate in Redis is left as it is.
	 */
	@Override
	public void reset() {
		this.local.reset();
	}

	@Override
	public Mono<Permit> acquire(String model) {
		return shared(model).flatMap((reservation) -> {
			Mono<Permit> local = Mono.defer(() -> this.local.acquire(model));
			if (reservation.commands() == null) {
				return local;
			}
			return local.doOnError((ex) -> giveBack(reservation.commands(), reservation.key()))
				.doOnCancel(() -> giveBack(reservation.commands(), reservation.key()));
		});
	}

	private Mono<Reservation> shared(String model) {
		if (!this.redis.shouldTry()) {
			return unavailable(model);
		}
		byte[] key = redisKey(model);
		return this.redis.connection()
			.flatMap((connection) -> reserve(connection.async(), key).timeout(this.redis.timeout(), this.scheduler))
			.doOnNext((reservation) -> this.redis.succeeded())
			.onErrorResume((ex) -> {
				this.redis.failed(OPERATION, ex);
				return Mono.just(Reservation.UNAVAILABLE);
			})
			.flatMap((reservation) -> waitFor(model, reservation));
	}

	private byte[] redisKey(String model) {
		byte[] key = this.keys.get(model);
		return (key != null) ? key
				: this.keys.computeIfAbsent(this.models.keyOf(model), (id) -> this.redis.key("rate:" + id));
	}

	private Mono<Reservation> reserve(RedisAsyncCommands<byte[], byte[]> commands, byte[] key) {
		return Mono.create((sink) -> {
			CompletionStage<Long> reservation = this.script.reserve(commands, key);
			AtomicBoolean cancelled = new AtomicBoolean();
			sink.onCancel(() -> {
				cancelled.set(true);
				reservation.thenAccept((micros) -> {
					if (micros >= 0) {
						giveBack(commands, key);
					}
				});
			});
			reservation.whenComplete((micros, ex) -> {
				if (cancelled.get()) {
					return;
				}
				if (ex != null) {
					sink.error(ex);
				}
				else {
					sink.success(new Reservation(commands, key, micros));
				}
			});
		});
	}

	private Mono<Reservation> waitFor(String model, Reservation reservation) {
		if (reservation == Reservation.UNAVAILABLE) {
			return unavailable(model);
		}
		if (reservation.micros() < 0) {
			return Mono.error(new CometLimiterRejectedException(model, RATE_LIMIT, this.rate));
		}
		if (reservation.micros() == 0) {
			return Mono.just(reservation);
		}
		return Mono.delay(Duration.ofNanos(reservation.micros() * 1000), this.scheduler)
			.doOnCancel(() -> giveBack(reservation.commands(), reservation.key()))
			.thenReturn(reservation);
	}

	private void giveBack(RedisAsyncCommands<byte[], byte[]> commands, byte[] key) {
		this.script.giveBack(commands, key).exceptionally((ex) -> null);
	}

	private Mono<Reservation> unavailable(String model) {
		if (this.redis.mode() == RedisFailureMode.FAIL_OPEN) {
			return Mono.just(Reservation.UNAVAILABLE);
		}
		return Mono.error(new CometLimiterRejectedException(model, FAILURE_LIMIT, "fail-closed"));
	}

	private record Reservation(RedisAsyncCommands<byte[], byte[]> commands, byte[] key, long micros) {

		static final Reservation UNAVAILABLE = new Reservation(null, null, -2);

	}

}
