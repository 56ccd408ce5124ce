package com.cometapi.autoconfigure.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;

import com.cometapi.client.cluster.RedisFailureListener;

/**
 * Counts the failed Redis commands of the shared limits in
 * {@code cometapi.cluster.redis.failures}, tagged with the operation, when there is a
 * {@link MeterRegistry}.
 *
 * @author CometAPI team
 */
final class RedisFailureCounter implements RedisFailureListener {

	static final String METRIC = "cometapi.cluster.redis.failures";

	private final ObjectProvider<MeterRegistry> registry;

	RedisFailureCounter(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public void onRedisFailure(String operation, Throwable failure) {
		MeterRegistry registry = this.registry.getIfUnique();
		if (registry != null) {
			Counter.builder(METRIC)
				.description("Redis commands of the shared CometAPI limits that failed or timed out")
				.tag("operation", operation)
				.register(registry)
				.increment();
		}
	}

}
