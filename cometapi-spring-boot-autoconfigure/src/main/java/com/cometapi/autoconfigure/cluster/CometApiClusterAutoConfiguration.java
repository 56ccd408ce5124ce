package com.cometapi.autoconfigure.cluster;

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
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import com.cometapi.autoconfigure.CometApiConnectionDetails;
import com.cometapi.autoconfigure.CometApiProperties;
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
	ClusterRedis cometClusterRedis(CometApiProperties properties, CometApiConnectionDetails connectionDetails,
			ObjectProvider<RedisFailureListener> listener) {
		ClusterPropertiesMapper mapper = new ClusterPropertiesMapper(properties.getCluster());
		return builder(mapper, properties, connectionDetails, listener).redisUrl(mapper.redisUrl()).build();
	}

	@Bean
	@ConditionalOnMissingBean
	CometClusterTemplateCustomizer cometClusterTemplateCustomizer(ClusterRedis redis, CometApiProperties properties,
			ObjectProvider<CometLimiter> localLimiter) {
		redis.connectNow();
		return new CometClusterTemplateCustomizer(redis, properties,
				() -> localLimiter.getIfUnique(CometLimiter::unlimited));
	}

	static ClusterRedis.Builder builder(ClusterPropertiesMapper mapper, CometApiProperties properties,
			CometApiConnectionDetails connectionDetails, ObjectProvider<RedisFailureListener> listener) {
		return ClusterRedis.builder()
			.apiKey(connectionDetails.getApiKey())
			.timeout(mapper.redisTimeout())
			.recheckInterval(mapper.recheckInterval())
			.onRedisFailure(properties.getCluster().getOnRedisFailure())
			.failureListener(listener.getIfUnique(() -> RedisFailureListener.NONE));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(LettuceConnectionFactory.class)
	static class ApplicationRedisConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ClusterRedis cometClusterApplicationRedis(CometApiProperties properties,
				CometApiConnectionDetails connectionDetails, ObjectProvider<RedisFailureListener> listener,
				ObjectProvider<LettuceConnectionFactory> factories) {
			ClusterPropertiesMapper mapper = new ClusterPropertiesMapper(properties.getCluster());
			ClusterRedis.Builder builder = builder(mapper, properties, connectionDetails, listener);
			LettuceConnectionFactory factory = factories.getIfUnique();
			if (mapper.hasRedisUrl() || factory == null) {
				return builder.redisUrl(mapper.redisUrl()).build();
			}
			AbstractRedisClient client = factory.getRequiredNativeClient();
			if (!(client instanceof RedisClient redisClient) || factory.getSentinelConfiguration() != null) {
				throw new InvalidConfigurationPropertyValueException("cometapi.cluster.redis-url", null,
						"the application's Redis connection is a cluster or sentinel set-up, which the shared "
								+ "CometAPI limits cannot reuse: set cometapi.cluster.redis-url to a Redis server");
			}
			return builder.redisClient(redisClient, redisUri(factory, mapper.redisTimeout())).build();
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
