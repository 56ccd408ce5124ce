package com.cometapi.autoconfigure.cluster;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

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
			.isThrownBy(() -> ClusterPropertiesMapper.checkedRedisUrl(url))
			.withMessageContaining("cometapi.cluster.redis-url")
			.withMessageNotContaining("s3cret-pw");
	}

}
