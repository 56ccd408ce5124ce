package com.cometapi.client.cluster;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import com.cometapi.client.resilience.RetryBudget;

/**
 * A {@link RetryBudget} over the calls and retries of all instances sharing an API key.
 * Its methods only read and update local atomics, so they never block an event loop:
 * every sync interval a timer adds this instance's new calls and retries to per-second
 * counters in Redis ({@code INCRBY} with an expiry) and reads the cluster totals of the
 * window back ({@code MGET}). Between two syncs the budget is the cluster's remaining
 * retries at the last sync, plus the share earned by this instance's new calls, minus its
 * new retries.
 * <p>
 * How exact: each instance sees the others' retries up to one sync interval late, so in
 * the worst case all N instances spend the same remaining retries during one interval (an
 * overshoot of at most N times what was left, for one interval). The minimum retries per
 * second are a floor for the whole cluster, not per instance. Windows are aligned to
 * wall-clock seconds, so instances should keep their clocks in sync (NTP). A push that
 * fails keeps its counts for the next one, until the oldest of them is a window old (a
 * push whose answer timed out may have counted them already: they then count twice, for
 * one window). A push and the read of the totals are one atomic Lua script; a counter
 * holding garbage counts as absent and is overwritten. While Redis is down the local
 * budget decides (fail-open), or no retry is allowed (fail-closed).
 *
 * @author CometAPI team
 */
public final class ClusterRetryBudget implements RetryBudget, AutoCloseable {

	static final String OPERATION = "retry-budget";

	private final ClusterRedis redis;

	private final RetryBudget local;

	private final double ratio;

	private final long minRetries;

	private final int windowSeconds;

	private final LongSupplier wallClockMillis;

	private final AtomicLong pendingCalls = new AtomicLong();

	private final AtomicLong pendingRetries = new AtomicLong();

	private volatile long pushingCalls;

	private volatile long pushingRetries;

	private volatile long clusterRemaining;

	private volatile boolean synced;

	private final AtomicReference<Carried> carried = new AtomicReference<>();

	private final BudgetScript script;

	private final Disposable timer;

	/**
	 * Create a new instance and start syncing with Redis.
	 * @param redis the Redis connection
	 * @param ratio retries allowed per call in the window
	 * @param minRetriesPerSecond retries per second the whole cluster may always make
	 * @param window length of the window, in whole seconds
	 * @param syncInterval how often the counters are synced
	 */
	public ClusterRetryBudget(ClusterRedis redis, double ratio, int minRetriesPerSecond, Duration window,
			Duration syncInterval) {
		this(redis, ratio, minRetriesPerSecond, window, syncInterval, System::currentTimeMillis, Schedulers.parallel());
	}

	ClusterRetryBudget(ClusterRedis redis, double ratio, int minRetriesPerSecond, Duration window,
			Duration syncInterval, LongSupplier wallClockMillis, Scheduler scheduler) {
		this.redis = redis;
		this.local = RetryBudget.of(ratio, minRetriesPerSecond, window);
		this.ratio = ratio;
		this.windowSeconds = (int) Math.max(1, window.toSeconds());
		this.minRetries = (long) minRetriesPerSecond * this.windowSeconds;
		this.wallClockMillis = wallClockMillis;
		this.script = new BudgetScript(this.windowSeconds + 5L);
		this.timer = Flux.interval(Duration.ZERO, syncInterval, scheduler)
			.onBackpressureDrop()
			.concatMap((tick) -> sync(), 1)
			.subscribe();
	}

	@Override
	public void recordCall() {
		this.local.recordCall();
		this.pendingCalls.incrementAndGet();
	}

	@Override
	public boolean tryAcquireRetry() {
		if (!useCluster()) {
			return this.redis.mode() == RedisFailureMode.FAIL_OPEN && this.local.tryAcquireRetry();
		}
		if (clusterView() <= 0) {
			return false;
		}
		this.pendingRetries.incrementAndGet();
		return true;
	}

	@Override
	public long remaining() {
		if (!useCluster()) {
			return (this.redis.mode() == RedisFailureMode.FAIL_OPEN) ? this.local.remaining() : 0;
		}
		return Math.max(0, clusterView());
	}

	/**
	 * Forget the local budget's counts, which decide while Redis is down; the cluster's
	 * counts in Redis are left as they are.
	 */
	@Override
	public void reset() {
		this.local.reset();
	}

	/**
	 * Whether the last sync with Redis succeeded, so the cluster totals decide.
	 * @return whether the budget is shared right now
	 */
	public boolean isShared() {
		return useCluster();
	}

	private boolean useCluster() {
		return this.synced && !this.redis.isDown();
	}

	private long clusterView() {
		long calls = this.pendingCalls.get() + this.pushingCalls;
		long retries = this.pendingRetries.get() + this.pushingRetries;
		return this.clusterRemaining + (long) (this.ratio * calls) - retries;
	}

	Mono<Void> sync() {
		long second = this.wallClockMillis.getAsLong() / 1000;
		Carried unsent = this.carried.getAndSet(null);
		boolean carry = unsent != null && second - unsent.since() < this.windowSeconds;
		long calls = this.pendingCalls.getAndSet(0) + (carry ? unsent.calls() : 0);
		long retries = this.pendingRetries.getAndSet(0) + (carry ? unsent.retries() : 0);
		long since = carry ? unsent.since() : second;
		this.pushingCalls = calls;
		this.pushingRetries = retries;
		return this.redis.connection()
			.flatMap((connection) -> Mono
				.fromCompletionStage(() -> this.script.sync(connection.async(), keys(second), calls, retries))
				.timeout(this.redis.timeout().multipliedBy(2), Schedulers.parallel()))
			.doOnNext((totals) -> {
				this.clusterRemaining = Math.max(this.minRetries, (long) (this.ratio * totals.get(0))) - totals.get(1);
				this.synced = true;
				this.pushingCalls = 0;
				this.pushingRetries = 0;
				this.redis.succeeded();
			})
			.onErrorResume((ex) -> {
				this.synced = false;
				this.pushingCalls = 0;
				this.pushingRetries = 0;
				this.carried.accumulateAndGet(new Carried(calls, retries, since), Carried::plus);
				this.redis.failed(OPERATION, ex);
				return Mono.empty();
			})
			.then();
	}

	private byte[][] keys(long second) {
		byte[][] keys = new byte[this.windowSeconds * 2][];
		for (int i = 0; i < this.windowSeconds; i++) {
			keys[i] = this.redis.key("budget:calls:" + (second - i));
			keys[this.windowSeconds + i] = this.redis.key("budget:retries:" + (second - i));
		}
		return keys;
	}

	@Override
	public void close() {
		this.timer.dispose();
	}

	/**
	 * Counts a failed push kept for the next one, and the second of the oldest.
	 */
	private record Carried(long calls, long retries, long since) {

		static Carried plus(Carried previous, Carried next) {
			return (previous != null) ? new Carried(previous.calls + next.calls, previous.retries + next.retries,
					Math.min(previous.since, next.since)) : next;
		}

	}

}
