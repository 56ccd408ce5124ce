package com.cometapi.client.cluster;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * When the Redis tests run and when they skip; these tests need no Redis.
 */
class RedisExtensionTests {

	private static final Predicate<Path> INSTALLED = (path) -> path.toString().equals("/usr/bin/redis-server");

	private static final Predicate<Path> NOT_INSTALLED = (path) -> false;

	@Test
	void runsWithARedisServerInstalledInAFixedDirectoryEvenIfNotOnThePath() {
		assertThat(LocalRedis.skipReason(Map.of("PATH", "/opt/empty"), INSTALLED)).isEmpty();
	}

	@Test
	void runsWithTheUrlOfARunningServer() {
		assertThat(LocalRedis.skipReason(Map.of(LocalRedis.URL_VARIABLE, "redis://127.0.0.1:6390"), NOT_INSTALLED))
			.isEmpty();
	}

	@Test
	void skipsWithAReasonWhenThereIsNoRedis() {
		assertThat(LocalRedis.skipReason(Map.of("PATH", "/usr/bin"), NOT_INSTALLED))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("redis-server is not installed")
				.contains(LocalRedis.URL_VARIABLE));
	}

	@Test
	void runsAndFailsUnderCiWhenThereIsNoRedis() {
		assertThat(LocalRedis.skipReason(Map.of("CI", "true"), NOT_INSTALLED)).isEmpty();
	}

	@Test
	void theSwitchSkipsEvenWithRedisInstalledAUrlSetAndUnderCi() {
		Map<String, String> environment = Map.of(LocalRedis.SWITCH_VARIABLE, "off", LocalRedis.URL_VARIABLE,
				"redis://127.0.0.1:6390", "CI", "true", "PATH", "/usr/bin");
		assertThat(LocalRedis.skipReason(environment, INSTALLED))
			.hasValue("COMETAPI_TEST_REDIS=off: the Redis tests run as on a machine without Redis");
	}

	@Test
	void closingBeforeTheServerStartedDoesNothing() {
		RedisExtension extension = RedisExtension.shared();
		assertThatNoException().isThrownBy(() -> {
			extension.afterEach(null);
			extension.afterAll(null);
		});
	}

}
