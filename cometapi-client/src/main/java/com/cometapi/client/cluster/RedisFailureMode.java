package com.cometapi.client.cluster;

/**
 * What the shared limits do while Redis cannot be reached.
 *
 * @author CometAPI team
 */
public enum RedisFailureMode {

	/**
	 * Fall back to the limits of this instance: calls go on, the cluster-wide caps are
	 * not enforced until Redis answers again.
	 */
	FAIL_OPEN,

	/**
	 * Reject calls with a {@link com.cometapi.client.error.CometLimiterRejectedException}
	 * and refuse retries until Redis answers again.
	 */
	FAIL_CLOSED

}
