package com.cometapi.autoconfigure;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import com.cometapi.client.cluster.ClusterRedis;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A {@code cometapi.cluster.redis-url} that cannot be used fails start-up naming the
 * property, without its password.
 */
class CometApiClusterRedisUrlTests {

	@ParameterizedTest
	@ValueSource(strings = { "redis://:s3cret-pw@", "rediss://:s3cret-pw@redis.internal/notadb",
			"redis://:s3cret-pw with space@redis.internal" })
	void rejectsAnUnusableUrlWithoutEchoingItsPassword(String url) {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> CometApiClusterAutoConfiguration.withOwnClient(ClusterRedis.builder(), url))
			.withMessageContaining("cometapi.cluster.redis-url")
			.withMessageNotContaining("s3cret-pw");
	}

}
