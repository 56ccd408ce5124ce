package com.cometapi.client.cluster;

import java.time.Duration;

/**
 * The defaults of cluster mode, apart from the classes that need Lettuce so that they can
 * be read without it on the class path (the Boot properties do).
 *
 * @author CometAPI team
 */
public final class ClusterDefaults {

	/**
	 * Redis used when neither a URL nor a client is given.
	 */
	public static final String REDIS_URL = "redis://localhost:6379";

	/**
	 * Longest wait for one Redis command.
	 */
	public static final Duration REDIS_TIMEOUT = Duration.ofMillis(200);

	/**
	 * How long Redis is left alone after a failure.
	 */
	public static final Duration RECHECK_INTERVAL = Duration.ofSeconds(1);

	/**
	 * The answer to a Redis failure: local limits only.
	 */
	public static final RedisFailureMode FAILURE_MODE = RedisFailureMode.FAIL_OPEN;

	private ClusterDefaults() {
	}

}
