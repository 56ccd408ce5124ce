package com.cometapi.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CometAPI secrets stay masked in the actuator's {@code env} and {@code configprops}
 * endpoints even with {@code show-values=always}.
 */
class CometApiActuatorSanitizingTests {

	private static final String KEY = "sk-actuator-secret-1357";

	private static final String REDIS_PASSWORD = "redis-pass-2468";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CometApiAutoConfiguration.class))
		.withPropertyValues("cometapi.catalog.validate=off", "cometapi.base-url=http://127.0.0.1:9",
				"cometapi.api-key=" + KEY,
				"cometapi.cluster.redis-url=redis://cache:" + REDIS_PASSWORD + "@redis.internal:6380/2",
				"COMETAPI_KEY=" + KEY);

	@Test
	void masksTheKeyAndTheRedisPasswordInTheEnvEndpoint() {
		this.contextRunner.run((context) -> {
			List<SanitizingFunction> functions = List.copyOf(context.getBeansOfType(SanitizingFunction.class).values());
			assertThat(functions).hasSize(1);
			EnvironmentEndpoint endpoint = new EnvironmentEndpoint(context.getEnvironment(), functions, Show.ALWAYS);
			assertThat(endpoint.environmentEntry("cometapi.api-key").getProperty().getValue())
				.isEqualTo(SanitizableData.SANITIZED_VALUE);
			assertThat(endpoint.environmentEntry("COMETAPI_KEY").getProperty().getValue())
				.isEqualTo(SanitizableData.SANITIZED_VALUE);
			assertThat(endpoint.environmentEntry("cometapi.cluster.redis-url").getProperty().getValue())
				.isEqualTo("redis://******@redis.internal:6380/2");
			assertThat(endpoint.environmentEntry("cometapi.base-url").getProperty().getValue())
				.isEqualTo("http://127.0.0.1:9");
			assertThat(endpoint.environment(null).toString()).doesNotContain(KEY).doesNotContain(REDIS_PASSWORD);
		});
	}

	@Test
	void masksTheConfigpropsFormsOfTheKeys() {
		this.contextRunner.run((context) -> {
			Sanitizer sanitizer = new Sanitizer(context.getBeansOfType(SanitizingFunction.class).values());
			for (String key : List.of("cometapi.apiKey", "cometapi.api-key", "COMETAPI_API_KEY")) {
				assertThat(sanitizer.sanitize(new SanitizableData(null, key, KEY), true))
					.isEqualTo(SanitizableData.SANITIZED_VALUE);
			}
			assertThat(sanitizer.sanitize(new SanitizableData(null, "cometapi.cluster.redisUrl",
					"redis://" + REDIS_PASSWORD + "@redis.internal"), true))
				.isEqualTo("redis://******@redis.internal");
			assertThat(sanitizer.sanitize(new SanitizableData(null, "cometapi.cluster.redis-url",
					"redis-sentinel://" + REDIS_PASSWORD + "@a:1,b:2"), true))
				.isEqualTo(SanitizableData.SANITIZED_VALUE);
			assertThat(sanitizer
				.sanitize(new SanitizableData(null, "cometapi.cluster.redis-url", "redis://redis.internal:6379"), true))
				.isEqualTo("redis://redis.internal:6379");
		});
	}

	@Test
	void needsNoActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CometApiSanitizingFunction.class));
	}

}
