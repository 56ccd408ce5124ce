package com.cometapi.autoconfigure.cluster;

import java.time.Duration;

import io.lettuce.core.RedisURI;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

import com.cometapi.autoconfigure.CometApiProperties;
import com.cometapi.autoconfigure.internal.PropertyChecks;
import com.cometapi.client.cluster.ClusterDefaults;
import com.cometapi.client.internal.Checks;

/**
 * Reads and checks {@code cometapi.cluster.*}: the one place these properties are mapped,
 * each failing start-up with an {@link InvalidConfigurationPropertyValueException} that
 * names it.
 *
 * @author CometAPI team
 */
final class ClusterPropertiesMapper {

	static final String DEFAULT_REDIS_URL = ClusterDefaults.REDIS_URL;

	private final CometApiProperties.Cluster cluster;

	ClusterPropertiesMapper(CometApiProperties.Cluster cluster) {
		this.cluster = cluster;
	}

	Duration redisTimeout() {
		return PropertyChecks.positive("cometapi.cluster.redis-timeout", this.cluster.getRedisTimeout());
	}

	Duration recheckInterval() {
		return PropertyChecks.positive("cometapi.cluster.recheck-interval", this.cluster.getRecheckInterval());
	}

	boolean hasRedisUrl() {
		return StringUtils.hasText(this.cluster.getRedisUrl());
	}

	/**
	 * Return {@code cometapi.cluster.redis-url}, or {@value #DEFAULT_REDIS_URL} when
	 * unset, checked to be a Redis URL.
	 * @return the Redis URL
	 */
	String redisUrl() {
		return checkedRedisUrl(hasRedisUrl() ? this.cluster.getRedisUrl() : DEFAULT_REDIS_URL);
	}

	static String checkedRedisUrl(String redisUrl) {
		try {
			RedisURI.create(redisUrl);
		}
		catch (RuntimeException ex) {
			throw new InvalidConfigurationPropertyValueException("cometapi.cluster.redis-url",
					Checks.withoutUserInfo(redisUrl, "******"), "must be a Redis URL such as redis://127.0.0.1:6379");
		}
		return redisUrl;
	}

	/**
	 * Return the shared rate of {@code cometapi.cluster.requests-per-second},
	 * {@code burst} and {@code max-wait}, or {@code null} when no shared rate is set.
	 * @return the shared rate or {@code null}
	 */
	SharedRate sharedRate() {
		Double rate = this.cluster.getRequestsPerSecond();
		if (rate == null) {
			return null;
		}
		PropertyChecks.rate("cometapi.cluster.requests-per-second", rate);
		int burst = (this.cluster.getBurst() != null)
				? PropertyChecks.atLeast("cometapi.cluster.burst", this.cluster.getBurst(), 1)
				: (int) Math.max(1, Math.ceil(rate / 10));
		Duration maxWait = PropertyChecks.notNegative("cometapi.cluster.max-wait", this.cluster.getMaxWait());
		return new SharedRate(rate, burst, maxWait);
	}

	Duration budgetSyncInterval() {
		return PropertyChecks.positive("cometapi.cluster.budget-sync-interval", this.cluster.getBudgetSyncInterval());
	}

	/**
	 * The shared rate of every model over all instances.
	 *
	 * @param requestsPerSecond requests per second per model
	 * @param burst requests that may start at once on a full bucket
	 * @param maxWait longest wait for a token
	 */
	record SharedRate(double requestsPerSecond, int burst, Duration maxWait) {

	}

}
