package com.cometapi.autoconfigure;

import java.time.Duration;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.StringUtils;

import com.cometapi.client.cluster.ClusterRedis;
import com.cometapi.client.cluster.RedisFailureListener;
import com.cometapi.client.resilience.CometLimiter;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the limits shared by all instances through Redis, on when
 * {@code cometapi.cluster.enabled=true} and Lettuce is on the class path. Reuses the
 * application's Spring Data Redis Lettuce client when there is one and no
 * {@code cometapi.cluster.redis-url} is set. Connects to Redis and loads the scripts at
 * start-up (waiting at most the redis timeout or one second), so that a start-up burst
 * finds them ready.
 *
 * @author CometAPI team
 */
@AutoConfiguration(afterName = { "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration",
		"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
@ConditionalOnClass(RedisClient.class)
@ConditionalOnProperty(prefix = "cometapi.cluster", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(CometApiProperties.class)
public class CometApiClusterAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClusterRedis cometClusterRedis(CometApiProperties properties, Environment environment,
			ObjectProvider<RedisFailureListener> listener) {
		String redisUrl = properties.getCluster().getRedisUrl();
		return withOwnClient(builder(properties, environment, listener),
				StringUtils.hasText(redisUrl) ? redisUrl : "redis://localhost:6379")
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	CometClusterTemplateCustomizer cometClusterTemplateCustomizer(ClusterRedis redis, CometApiProperties properties,
			ObjectProvider<CometLimiter> localLimiter) {
		redis.connectNow();
		return new CometClusterTemplateCustomizer(redis, properties,
				() -> localLimiter.getIfUnique(CometLimiter::unlimited));
	}

	static ClusterRedis.Builder builder(CometApiProperties properties, Environment environment,
			ObjectProvider<RedisFailureListener> listener) {
		CometApiProperties.Cluster cluster = properties.getCluster();
		return ClusterRedis.builder()
			.apiKey(CometApiAutoConfiguration.apiKey(properties, environment))
			.timeout(CometApiPropertiesMapper.positive("cometapi.cluster.redis-timeout", cluster.getRedisTimeout()))
			.recheckInterval(CometApiPropertiesMapper.positive("cometapi.cluster.recheck-interval",
					cluster.getRecheckInterval()))
			.onRedisFailure(cluster.getOnRedisFailure())
			.failureListener(listener.getIfUnique(() -> RedisFailureListener.NONE));
	}

	static ClusterRedis.Builder withOwnClient(ClusterRedis.Builder builder, String redisUrl) {
		try {
			RedisURI.create(redisUrl);
		}
		catch (RuntimeException ex) {
			throw new InvalidConfigurationPropertyValueException("cometapi.cluster.redis-url",
					withoutUserInfo(redisUrl), "must be a Redis URL such as redis://127.0.0.1:6379");
		}
		return builder.redisUrl(redisUrl);
	}

	private static String withoutUserInfo(String url) {
		int authority = url.indexOf("://");
		int at = url.lastIndexOf('@');
		return (authority >= 0 && at > authority) ? url.substring(0, authority + 3) + "******" + url.substring(at)
				: url;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(LettuceConnectionFactory.class)
	static class ApplicationRedisConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ClusterRedis cometClusterApplicationRedis(CometApiProperties properties, Environment environment,
				ObjectProvider<RedisFailureListener> listener, ObjectProvider<LettuceConnectionFactory> factories) {
			ClusterRedis.Builder builder = builder(properties, environment, listener);
			String redisUrl = properties.getCluster().getRedisUrl();
			LettuceConnectionFactory factory = factories.getIfUnique();
			if (StringUtils.hasText(redisUrl) || factory == null) {
				return withOwnClient(builder, StringUtils.hasText(redisUrl) ? redisUrl : "redis://localhost:6379")
					.build();
			}
			AbstractRedisClient client = factory.getRequiredNativeClient();
			if (!(client instanceof RedisClient redisClient) || factory.getSentinelConfiguration() != null) {
				throw new InvalidConfigurationPropertyValueException("cometapi.cluster.redis-url", null,
						"the application's Redis connection is a cluster or sentinel set-up, which the shared "
								+ "CometAPI limits cannot reuse: set cometapi.cluster.redis-url to a Redis server");
			}
			return builder.redisClient(redisClient, redisUri(factory, properties.getCluster().getRedisTimeout()))
				.build();
		}

		private static RedisURI redisUri(LettuceConnectionFactory factory, Duration timeout) {
			RedisStandaloneConfiguration standalone = factory.getStandaloneConfiguration();
			RedisURI.Builder uri = RedisURI.builder()
				.withHost(standalone.getHostName())
				.withPort(standalone.getPort())
				.withDatabase(standalone.getDatabase())
				.withSsl(factory.isUseSsl())
				.withTimeout(timeout);
			standalone.getPassword().toOptional().ifPresent((password) -> {
				if (standalone.getUsername() != null) {
					uri.withAuthentication(standalone.getUsername(), password);
				}
				else {
					uri.withPassword(password);
				}
			});
			return uri.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RedisFailureListener cometClusterRedisFailureCounter(ObjectProvider<MeterRegistry> registry) {
			return new RedisFailureCounter(registry);
		}

	}

}
