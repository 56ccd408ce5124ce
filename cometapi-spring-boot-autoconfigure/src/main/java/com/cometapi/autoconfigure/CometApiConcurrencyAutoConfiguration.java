package com.cometapi.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;

import com.cometapi.autoconfigure.internal.PropertyChecks;
import com.cometapi.client.resilience.AdaptiveConcurrencyLimiter;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.resilience.ConcurrencySettings;
import com.cometapi.client.resilience.ModelLimits;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the client-side {@link CometLimiter} from
 * {@code cometapi.concurrency.*}: an {@link AdaptiveConcurrencyLimiter} that the
 * auto-configured {@code CometTemplate} waits on. Off with
 * {@code cometapi.concurrency.enabled=false}.
 *
 * @author CometAPI team
 */
@AutoConfiguration(before = CometApiAutoConfiguration.class)
@ConditionalOnClass(Mono.class)
@ConditionalOnProperty(prefix = "cometapi.concurrency", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(CometApiProperties.class)
public class CometApiConcurrencyAutoConfiguration {

	private static final String PREFIX = "cometapi.concurrency";

	private static final int MAX_QUEUED = 1_000_000;

	@Bean
	@ConditionalOnMissingBean(CometLimiter.class)
	AdaptiveConcurrencyLimiter cometLimiter(CometApiProperties properties) {
		CometApiProperties.Concurrency concurrency = properties.getConcurrency();
		int maxInFlight = PropertyChecks.between(PREFIX + ".max-in-flight", concurrency.getMaxInFlight(), 1,
				PropertyChecks.MAX_CONNECTIONS);
		int minInFlight = PropertyChecks.between(PREFIX + ".min-in-flight", concurrency.getMinInFlight(), 1,
				PropertyChecks.MAX_CONNECTIONS);
		if (minInFlight > maxInFlight) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".min-in-flight", minInFlight,
					"must not exceed " + PREFIX + ".max-in-flight (" + maxInFlight + ")");
		}
		AdaptiveConcurrencyLimiter.Builder builder = AdaptiveConcurrencyLimiter.builder()
			.settings(new ConcurrencySettings(maxInFlight,
					PropertyChecks.between(PREFIX + ".max-queued", concurrency.getMaxQueued(), 0, MAX_QUEUED),
					(concurrency.getQueueTimeout() != null)
							? PropertyChecks.positive(PREFIX + ".queue-timeout", concurrency.getQueueTimeout()) : null,
					concurrency.isAdaptive(), minInFlight,
					rate(PREFIX + ".requests-per-second", concurrency.getRequestsPerSecond())));
		for (Map.Entry<String, CometApiProperties.ModelLimit> entry : concurrency.getModels().entrySet()) {
			String prefix = PREFIX + ".models." + entry.getKey();
			CometApiProperties.ModelLimit limit = entry.getValue();
			Integer max = (limit.getMaxInFlight() != null) ? PropertyChecks.between(prefix + ".max-in-flight",
					limit.getMaxInFlight(), 1, PropertyChecks.MAX_CONNECTIONS) : null;
			Integer queued = (limit.getMaxQueued() != null)
					? PropertyChecks.between(prefix + ".max-queued", limit.getMaxQueued(), 0, MAX_QUEUED) : null;
			Double rate = (limit.getRequestsPerSecond() != null)
					? rate(prefix + ".requests-per-second", limit.getRequestsPerSecond()) : null;
			builder.model(entry.getKey(), new ModelLimits(max, queued, rate));
		}
		return builder.build();
	}

	private static double rate(String name, Double value) {
		return (value != null) ? PropertyChecks.rate(name, value) : 0;
	}

}
