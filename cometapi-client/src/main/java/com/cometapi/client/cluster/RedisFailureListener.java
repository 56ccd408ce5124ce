package com.cometapi.client.cluster;

/**
 * Told about every Redis command of the shared limits that failed or timed out, for
 * example to count them in a metric. Called on a Redis or timer thread: must not block.
 *
 * @author CometAPI team
 */
@FunctionalInterface
public interface RedisFailureListener {

	/**
	 * A listener that does nothing.
	 */
	RedisFailureListener NONE = (operation, failure) -> {
	};

	/**
	 * Called when a Redis command failed.
	 * @param operation what the command was for: {@code rate-limit} or
	 * {@code retry-budget}
	 * @param failure why it failed
	 */
	void onRedisFailure(String operation, Throwable failure);

}
