package com.cometapi.client.resilience;

/**
 * How a backoff delay is randomised, so that clients rate-limited together do not come
 * back together. {@code d} is the capped exponential delay
 * {@code min(maxBackoff, initialBackoff * multiplier^(retry - 1))}.
 *
 * @author CometAPI team
 */
public enum Jitter {

	/**
	 * No jitter: wait exactly {@code d}.
	 */
	NONE,

	/**
	 * Full jitter: wait a uniform random time in {@code [0, d]}.
	 */
	FULL,

	/**
	 * Equal jitter: wait {@code d/2} plus a uniform random time in {@code [0, d/2]}.
	 */
	EQUAL

}
