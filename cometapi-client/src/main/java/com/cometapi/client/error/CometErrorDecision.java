package com.cometapi.client.error;

/**
 * What the call pipeline does after a failed attempt, as decided by a
 * {@link CometErrorClassifier}.
 *
 * @author CometAPI team
 */
public enum CometErrorDecision {

	/**
	 * Retry the same model after a backoff, then move to the next model when the retries
	 * are spent.
	 */
	RETRY,

	/**
	 * Move to the next model of the fallback list at once, without retrying this one.
	 */
	NEXT_MODEL,

	/**
	 * Fail the call at once: the request or the key is wrong and no retry or other model
	 * can fix it.
	 */
	FAIL

}
