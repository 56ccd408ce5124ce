package com.cometapi.client.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.test.CometApiMockServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API key never reaches Redis: keys carry a hash of it, values carry counts and
 * bucket state only.
 */
class ClusterKeysTests {

	private static final String KEY = "sk-never-in-redis-5f0c2a9e";

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	@Test
	void prefixIsAShortHashOfTheKey() {
		String prefix = ClusterKeys.prefix(KEY);
		assertThat(prefix).matches("cometapi:[0-9a-f]{16}:").doesNotContain(KEY);
		assertThat(ClusterKeys.prefix("another-key")).isNotEqualTo(prefix);
	}

	@Test
	void noRedisKeyOrValueContainsTheApiKey() {
		try (LocalRedis redis = LocalRedis.shared();
				ClusterRedis connection = ClusterRedis.builder()
					.redisUrl(redis.url())
					.apiKey(KEY)
					.timeout(Duration.ofMillis(500))
					.build();
				ClusterRetryBudget budget = new ClusterRetryBudget(connection, 0.2, 10, Duration.ofSeconds(10),
						Duration.ofMillis(100))) {
			assertThat(connection.toString()).doesNotContain(KEY);
			CometTemplate template = CometTemplate.builder()
				.baseUrl(mock.baseUrl())
				.apiKey(KEY)
				.models("gpt-4o")
				.limiter(new ClusterRateLimiter(connection, CometLimiter.unlimited(), 100, 10, Duration.ofSeconds(1)))
				.retryBudget(budget)
				.build();
			Flux.range(0, 10).flatMap((i) -> template.chat("gpt-4o", "Hi")).then().block(Duration.ofSeconds(5));
			Awaitility.await()
				.atMost(Duration.ofSeconds(3))
				.until(() -> keysAndValues(redis).stream().anyMatch((text) -> text.contains("budget:calls")));
			List<String> everything = keysAndValues(redis);
			assertThat(everything).isNotEmpty().noneMatch((text) -> text.contains(KEY));
			assertThat(everything).filteredOn((text) -> text.startsWith("cometapi:"))
				.allMatch((text) -> text.startsWith(ClusterKeys.prefix(KEY)));
		}
	}

	private static List<String> keysAndValues(LocalRedis redis) {
		List<String> found = new ArrayList<>();
		RedisClient client = redis.client();
		try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
			RedisCommands<byte[], byte[]> commands = connection.sync();
			ScanCursor cursor = ScanCursor.INITIAL;
			do {
				KeyScanCursor<byte[]> page = commands.scan(cursor);
				for (byte[] key : page.getKeys()) {
					found.add(text(key));
					String type = commands.type(key);
					if ("string".equals(type)) {
						found.add(text(commands.get(key)));
					}
					else if ("hash".equals(type)) {
						commands.hgetall(key).forEach((field, value) -> found.add(text(field) + "=" + text(value)));
					}
				}
				cursor = page;
			}
			while (!cursor.isFinished());
		}
		return found;
	}

	private static String text(byte[] bytes) {
		return (bytes != null) ? new String(bytes, StandardCharsets.ISO_8859_1) : "";
	}

}
