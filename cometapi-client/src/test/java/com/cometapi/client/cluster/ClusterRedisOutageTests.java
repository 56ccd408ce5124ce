package com.cometapi.client.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.ScriptOutputType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.error.CometLimiterRejectedException;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.test.CometApiMockServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the shared limits do when their Redis server is killed part-way and comes back:
 * fail-open goes on with the local limits, fail-closed rejects with a typed error,
 * nothing hangs, and the shared mode resumes by itself.
 */
class ClusterRedisOutageTests {

	private static final String KEY = "sk-cluster-outage-secret-1618";

	private static final String RATE_KEY = ClusterKeys.prefix(KEY) + "rate:gpt-4o";

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final List<String> failures = new CopyOnWriteArrayList<>();

	@RegisterExtension
	final RedisExtension redis = RedisExtension.ownProcess();

	private ClusterRedis connection;

	@AfterEach
	void disconnect() {
		if (this.connection != null) {
			this.connection.close();
		}
	}

	private ClusterRedis connect(RedisFailureMode mode) {
		this.connection = ClusterRedis.builder()
			.redisUrl(this.redis.url())
			.apiKey(KEY)
			.timeout(Duration.ofMillis(200))
			.recheckInterval(Duration.ofMillis(200))
			.onRedisFailure(mode)
			.failureListener((operation, ex) -> this.failures.add(operation))
			.build();
		return this.connection;
	}

	private CometTemplate template(ClusterRateLimiter limiter, ClusterRetryBudget budget) {
		return CometTemplate.builder()
			.baseUrl(mock.baseUrl())
			.apiKey(KEY)
			.models("gpt-4o")
			.limiter(limiter)
			.retryBudget(budget)
			.build();
	}

	private boolean rateKeyExists() {
		boolean[] exists = new boolean[1];
		this.redis.server().withCommands((commands) -> exists[0] = commands.exists(RATE_KEY) == 1);
		return exists[0];
	}

	@Test
	void failOpenGoesOnWithLocalLimitsAndResumesSharingWhenRedisReturns() {
		ClusterRedis redis = connect(RedisFailureMode.FAIL_OPEN);
		ClusterRateLimiter limiter = new ClusterRateLimiter(redis, CometLimiter.unlimited(), 1000, 100,
				Duration.ofSeconds(1));
		try (ClusterRetryBudget budget = new ClusterRetryBudget(redis, 0.2, 10, Duration.ofSeconds(10),
				Duration.ofMillis(200))) {
			CometTemplate template = template(limiter, budget);
			template.chat("gpt-4o", "Hi").block(Duration.ofSeconds(10));
			assertThat(rateKeyExists()).isTrue();
			Awaitility.await().atMost(Duration.ofSeconds(3)).until(budget::isShared);

			this.redis.server().kill();
			List<ChatCompletion> served = Flux.range(0, 20)
				.flatMap((i) -> template.chat("gpt-4o", "Hi"), 5)
				.collectList()
				.block(Duration.ofSeconds(15));
			assertThat(served).hasSize(20);
			assertThat(redis.isDown()).isTrue();
			assertThat(this.failures).as("whichever of the two met the outage first reports it")
				.containsAnyOf(ClusterRateLimiter.OPERATION, ClusterRetryBudget.OPERATION);
			assertThat(budget.isShared()).isFalse();
			assertThat(budget.tryAcquireRetry()).as("the local budget decides").isTrue();

			this.redis.server().start();
			assertThat(rateKeyExists()).isFalse();
			Awaitility.await("shared mode resumes").atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				template.chat("gpt-4o", "Hi").block(Duration.ofSeconds(2));
				assertThat(rateKeyExists()).isTrue();
			});
			assertThat(redis.isDown()).isFalse();
			Awaitility.await().atMost(Duration.ofSeconds(3)).until(budget::isShared);
		}
	}

	@Test
	void failClosedRejectsCallsAndRetriesWithATypedErrorThenResumes() {
		ClusterRedis redis = connect(RedisFailureMode.FAIL_CLOSED);
		ClusterRateLimiter limiter = new ClusterRateLimiter(redis, CometLimiter.unlimited(), 1000, 100,
				Duration.ofSeconds(1));
		try (ClusterRetryBudget budget = new ClusterRetryBudget(redis, 0.2, 10, Duration.ofSeconds(10),
				Duration.ofMillis(200))) {
			CometTemplate template = template(limiter, budget);
			template.chat("gpt-4o", "Hi").block(Duration.ofSeconds(10));
			int sent = mock.server().requestCount();

			this.redis.server().kill();
			StepVerifier.create(template.chat("gpt-4o", "Hi"))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(CometLimiterRejectedException.class,
						(rejected) -> {
							assertThat(rejected.getLimit()).isEqualTo("cometapi.cluster.on-redis-failure");
							assertThat(rejected.getLimitValue()).isEqualTo("fail-closed");
						}))
				.verify(Duration.ofSeconds(2));
			StepVerifier.create(limiter.acquire("gpt-4o"))
				.expectError(CometLimiterRejectedException.class)
				.verify(Duration.ofSeconds(2));
			assertThat(mock.server().requestCount()).as("nothing sent while Redis is down").isEqualTo(sent);
			Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> !budget.isShared());
			assertThat(budget.tryAcquireRetry()).isFalse();
			assertThat(budget.remaining()).isZero();

			this.redis.server().start();
			Awaitility.await("shared mode resumes").atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				template.chat("gpt-4o", "Hi").onErrorComplete().block(Duration.ofSeconds(2));
				assertThat(rateKeyExists()).isTrue();
			});
			template.chat("gpt-4o", "Hi").block(Duration.ofSeconds(2));
			assertThat(mock.server().requestCount()).isGreaterThan(sent);
		}
	}

	@Test
	void redisDownAtStartUpDoesNotStopCallsWhenFailOpen() {
		this.redis.server().kill();
		ClusterRedis redis = connect(RedisFailureMode.FAIL_OPEN);
		ClusterRateLimiter limiter = new ClusterRateLimiter(redis, CometLimiter.unlimited(), 10, 1,
				Duration.ofSeconds(1));
		StepVerifier.create(limiter.acquire("gpt-4o"))
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(3));
		assertThat(this.failures).containsExactly(ClusterRateLimiter.OPERATION);
	}

	@Test
	void connectingAtStartUpReportsAnOutageWithoutThrowing() {
		this.redis.server().kill();
		ClusterRedis redis = connect(RedisFailureMode.FAIL_OPEN);
		assertThat(redis.connectNow()).isFalse();
		assertThat(redis.isDown()).isTrue();
		assertThat(this.failures).containsExactly(ClusterRedis.CONNECT_OPERATION);
	}

	@Test
	void countsOfASyncThatFailsArePushedByTheNextOne() {
		ClusterRedis redis = connect(RedisFailureMode.FAIL_OPEN);
		try (ClusterRetryBudget budget = new ClusterRetryBudget(redis, 0.2, 0, Duration.ofSeconds(10),
				Duration.ofHours(1))) {
			awaitSharedSync(budget);
			for (int i = 0; i < 100; i++) {
				budget.recordCall();
			}
			this.redis.server().kill();
			budget.sync().block(Duration.ofSeconds(2));
			assertThat(budget.isShared()).isFalse();
			assertThat(this.failures).contains(ClusterRetryBudget.OPERATION);

			this.redis.server().start();
			awaitSharedSync(budget);
			assertThat(budget.remaining()).as("20 % of the 100 calls made before the outage").isEqualTo(20);
			assertThat(callsInRedis()).isEqualTo(100);
		}
	}

	@Test
	void countsOfAFailedSyncAreDroppedOnceAWindowOld() {
		ClusterRedis redis = connect(RedisFailureMode.FAIL_OPEN);
		AtomicLong wallClock = new AtomicLong(1_700_000_000_000L);
		try (ClusterRetryBudget budget = new ClusterRetryBudget(redis, 0.2, 0, Duration.ofSeconds(10),
				Duration.ofHours(1), wallClock::get, Schedulers.parallel())) {
			awaitSharedSync(budget);
			for (int i = 0; i < 100; i++) {
				budget.recordCall();
			}
			this.redis.server().kill();
			budget.sync().block(Duration.ofSeconds(2));
			wallClock.addAndGet(5_000);
			for (int i = 0; i < 50; i++) {
				budget.recordCall();
			}
			budget.sync().block(Duration.ofSeconds(2));
			assertThat(budget.isShared()).isFalse();

			this.redis.server().start();
			wallClock.addAndGet(6_000);
			for (int i = 0; i < 10; i++) {
				budget.recordCall();
			}
			awaitSharedSync(budget);
			assertThat(callsInRedis()).as("the 150 calls of the outage, 11 s old, no longer count; the 10 since do")
				.isEqualTo(10);
		}
	}

	private static void awaitSharedSync(ClusterRetryBudget budget) {
		Awaitility.await("a sync succeeds")
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					budget.sync().then(Mono.fromSupplier(budget::isShared)).block(Duration.ofSeconds(2)))
				.isTrue());
	}

	/**
	 * Sum the budget's call counters in Redis, in a script: {@code KEYS} returns a
	 * {@code List} in Lettuce 6 and another type in Lettuce 7.
	 */
	private long callsInRedis() {
		long[] calls = new long[1];
		this.redis.server()
			.withCommands((commands) -> calls[0] = commands.<Long>eval(
					"local sum = 0 for _, key in ipairs(redis.call('KEYS', ARGV[1])) do "
							+ "sum = sum + tonumber(redis.call('GET', key)) end return sum",
					ScriptOutputType.INTEGER, new String[0], ClusterKeys.prefix(KEY) + "budget:calls:*"));
		return calls[0];
	}

}
