package com.cometapi.client.cluster;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterRetryBudget} against a real Redis server.
 */
class ClusterRetryBudgetTests {

	private static final String KEY = "sk-cluster-budget-secret-2718";

	@RegisterExtension
	static final RedisExtension redis = RedisExtension.shared();

	private static ClusterRetryBudget budget(ClusterRedis connection) {
		ClusterRetryBudget budget = new ClusterRetryBudget(connection, 0.2, 0, Duration.ofSeconds(10),
				Duration.ofHours(1), System::currentTimeMillis, Schedulers.parallel());
		Awaitility.await().atMost(Duration.ofSeconds(3)).until(budget::isShared);
		return budget;
	}

	private static ClusterRedis connection() {
		return ClusterRedis.builder().redisUrl(redis.url()).apiKey(KEY).timeout(Duration.ofMillis(500)).build();
	}

	@Test
	void retriesEarnedByOneInstanceAreSpentOnlyOnceAcrossTheCluster() {
		try (ClusterRedis redisA = connection(); ClusterRedis redisB = connection()) {
			ClusterRetryBudget a = budget(redisA);
			ClusterRetryBudget b = budget(redisB);
			for (int i = 0; i < 100; i++) {
				a.recordCall();
			}
			assertThat(a.remaining()).as("A's own view before syncing").isEqualTo(20);
			assertThat(b.remaining()).as("B knows nothing yet").isZero();
			a.sync().block(Duration.ofSeconds(2));
			b.sync().block(Duration.ofSeconds(2));
			assertThat(b.remaining()).isEqualTo(20);
			int taken = 0;
			while (b.tryAcquireRetry()) {
				taken++;
			}
			assertThat(taken).isEqualTo(20);
			b.sync().block(Duration.ofSeconds(2));
			a.sync().block(Duration.ofSeconds(2));
			assertThat(a.remaining()).as("B spent the cluster's retries").isZero();
			assertThat(a.tryAcquireRetry()).isFalse();
			a.close();
			b.close();
		}
	}

	@Test
	void theFloorIsSharedByTheWholeCluster() {
		try (ClusterRedis redisA = connection(); ClusterRedis redisB = connection()) {
			ClusterRetryBudget a = new ClusterRetryBudget(redisA, 0.2, 1, Duration.ofSeconds(5), Duration.ofHours(1),
					System::currentTimeMillis, Schedulers.parallel());
			ClusterRetryBudget b = new ClusterRetryBudget(redisB, 0.2, 1, Duration.ofSeconds(5), Duration.ofHours(1),
					System::currentTimeMillis, Schedulers.parallel());
			Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> a.isShared() && b.isShared());
			assertThat(a.remaining()).isEqualTo(5);
			for (int i = 0; i < 5; i++) {
				assertThat(a.tryAcquireRetry()).isTrue();
			}
			a.sync().block(Duration.ofSeconds(2));
			b.sync().block(Duration.ofSeconds(2));
			assertThat(b.tryAcquireRetry()).isFalse();
			a.close();
			b.close();
		}
	}

	@Test
	void badCountersAreTreatedAsAbsentAndOverwritten() {
		long now = 1_700_000_000_000L;
		long second = now / 1000;
		String prefix = ClusterKeys.prefix(KEY);
		redis.server().withCommands((commands) -> {
			commands.set(prefix + "budget:calls:" + second, "garbage");
			commands.set(prefix + "budget:calls:" + (second - 1), "1e300");
			commands.set(prefix + "budget:calls:" + (second - 2), "50");
			commands.rpush(prefix + "budget:retries:" + (second - 1), "a", "list");
			commands.set(prefix + "budget:retries:" + (second - 2), "-7");
		});
		try (ClusterRedis connection = connection();
				ClusterRetryBudget budget = new ClusterRetryBudget(connection, 0.2, 0, Duration.ofSeconds(10),
						Duration.ofHours(1), () -> now, Schedulers.parallel())) {
			for (int i = 0; i < 100; i++) {
				budget.recordCall();
			}
			Awaitility.await("a sync succeeds")
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(
						budget.sync().then(Mono.fromSupplier(budget::isShared)).block(Duration.ofSeconds(2)))
					.isTrue());
			assertThat(connection.isDown()).isFalse();
			assertThat(budget.remaining()).as("20 % of the 100 new calls and the 50 valid ones").isEqualTo(30);
		}
		redis.server().withCommands((commands) -> {
			assertThat(commands.get(prefix + "budget:calls:" + second)).isEqualTo("100");
			for (String suffix : new String[] { "calls:" + second, "calls:" + (second - 1), "retries:" + (second - 1),
					"retries:" + (second - 2) }) {
				assertThat(commands.ttl(prefix + "budget:" + suffix)).as(suffix).isPositive();
			}
		});
	}

}
