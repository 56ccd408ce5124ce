package com.cometapi.autoconfigure.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import reactor.core.publisher.Mono;

import com.cometapi.autoconfigure.CometApiAutoConfiguration;
import com.cometapi.autoconfigure.CometApiConnectionDetails;
import com.cometapi.client.CometTemplate;
import com.cometapi.client.cluster.ClusterRateLimiter;
import com.cometapi.client.cluster.ClusterRedis;
import com.cometapi.client.cluster.ClusterRetryBudget;
import com.cometapi.client.cluster.RedisExtension;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.test.CometApiMockServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CometApiClusterAutoConfiguration}.
 */
class CometApiClusterAutoConfigurationTests {

	private static final String KEY = "sk-cluster-autoconfig-secret-777";

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	@RegisterExtension
	static final RedisExtension redis = RedisExtension.shared();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CometApiAutoConfiguration.class, CometApiClusterAutoConfiguration.class))
		.withPropertyValues("cometapi.catalog.validate=off", "cometapi.api-key=" + KEY);

	private ApplicationContextRunner enabled() {
		return this.contextRunner.withPropertyValues("cometapi.base-url=" + mock.baseUrl(),
				"cometapi.cluster.enabled=true", "cometapi.cluster.redis-url=" + redis.url());
	}

	@Test
	void isOffByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CometTemplate.class)
				.doesNotHaveBean(ClusterRedis.class)
				.doesNotHaveBean(CometClusterTemplateCustomizer.class);
			assertThat(context.getBean(CometTemplate.class).getModelState().getLimiter())
				.isNotInstanceOf(ClusterRateLimiter.class);
		});
	}

	@Test
	void wrapsTheLocalLimiterAndSharesTheRetryBudgetWhenEnabled() {
		CometLimiter local = (model) -> Mono.just((outcome) -> {
		});
		enabled().withPropertyValues("cometapi.cluster.requests-per-second=50")
			.withBean(CometLimiter.class, () -> local)
			.run((context) -> {
				assertThat(context).hasSingleBean(ClusterRedis.class);
				CometTemplate template = context.getBean(CometTemplate.class);
				assertThat(template.getModelState().getLimiter()).isInstanceOfSatisfying(ClusterRateLimiter.class,
						(limiter) -> assertThat(limiter.getLocal()).isSameAs(local));
				assertThat(template.getModelState().getRetryBudget()).isInstanceOf(ClusterRetryBudget.class);
				assertThat(context.getBean(ClusterRedis.class).keyPrefix()).isEqualTo(keyPrefixOf(KEY));
				template.chat("gpt-4o", "Hi").block(Duration.ofSeconds(5));
				assertThat(mock.server().requestCount()).isEqualTo(1);
			});
	}

	@Test
	void keysTheSharedLimitsWithTheConnectionDetailsKey() {
		String key = "sk-cluster-details-secret-888";
		enabled().withBean(CometApiConnectionDetails.class, () -> new CometApiConnectionDetails() {

			@Override
			public String getBaseUrl() {
				return mock.baseUrl();
			}

			@Override
			public String getApiKey() {
				return key;
			}

		}).run((context) -> assertThat(context.getBean(ClusterRedis.class).keyPrefix()).isEqualTo(keyPrefixOf(key)));
	}

	@Test
	void connectsAndLoadsTheScriptsAtStartUpBeforeTheFirstCall() {
		redis.server().flushScripts();
		enabled().withPropertyValues("cometapi.cluster.requests-per-second=50").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(redis.server().knowsTheScripts()).isTrue();
		});
	}

	@Test
	void keepsTheLocalBudgetWhenSharingItIsOff() {
		enabled().withPropertyValues("cometapi.cluster.share-retry-budget=false").run((context) -> {
			CometTemplate template = context.getBean(CometTemplate.class);
			assertThat(template.getModelState().getRetryBudget()).isNotInstanceOf(ClusterRetryBudget.class);
			assertThat(template.getModelState().getLimiter()).as("no shared rate configured")
				.isNotInstanceOf(ClusterRateLimiter.class);
		});
	}

	@Test
	void backsOffWithoutLettuce() {
		enabled().withClassLoader(new FilteredClassLoader(RedisClient.class))
			.run((context) -> assertThat(context).hasSingleBean(CometTemplate.class)
				.doesNotHaveBean(ClusterRedis.class));
	}

	@Test
	void worksWithoutSpringDataRedisAndMicrometer() {
		enabled()
			.withClassLoader(
					new FilteredClassLoader("org.springframework.data.redis.connection.lettuce", "io.micrometer.core"))
			.run((context) -> assertThat(context).hasSingleBean(ClusterRedis.class));
	}

	@Test
	void reusesTheApplicationsLettuceClient() {
		this.contextRunner
			.withPropertyValues("cometapi.base-url=" + mock.baseUrl(), "cometapi.cluster.enabled=true",
					"cometapi.cluster.requests-per-second=50")
			.withUserConfiguration(ApplicationRedis.class)
			.run((context) -> {
				ClusterRedis clusterRedis = context.getBean(ClusterRedis.class);
				assertThat(clusterRedis.ownsClient()).isFalse();
				context.getBean(CometTemplate.class).chat("gpt-4o", "Hi").block(Duration.ofSeconds(5));
				assertThat(clusterRedis.isDown()).isFalse();
				redis.server()
					.withCommands(
							(commands) -> assertThat(commands.exists(keyPrefixOf(KEY) + "rate:gpt-4o")).isEqualTo(1));
			});
	}

	@Test
	void rejectsANonPositiveSharedRate() {
		enabled().withPropertyValues("cometapi.cluster.requests-per-second=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cometapi.cluster.requests-per-second"));
	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationRedis {

		@Bean
		LettuceConnectionFactory redisConnectionFactory() {
			java.net.URI uri = java.net.URI.create(redis.url());
			return new LettuceConnectionFactory(new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()));
		}

	}

	/**
	 * The key prefix the README documents: {@code cometapi:}, the first 16 hex digits of
	 * the SHA-256 of the API key, and {@code :}.
	 */
	private static String keyPrefixOf(String apiKey) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
			return "cometapi:" + HexFormat.of().formatHex(hash, 0, 8) + ":";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
