package com.cometapi.client.faults;

import java.time.Duration;

/**
 * The timeouts of the fault-injection suite: short enough to keep it fast, far enough
 * from the scripted delays that a loaded machine cannot turn a late answer into a timeout
 * or the other way round.
 */
final class FaultTimeouts {

	/** Response, first-chunk and idle timeout of an attempt. */
	static final Duration ATTEMPT = Duration.ofSeconds(3);

	/** Response timeout of scenarios that script no timeout. */
	static final Duration RELAXED = Duration.ofSeconds(10);

	/** Delay of an answer that must time out. */
	static final Duration SLOW = Duration.ofSeconds(8);

	/** Deadline of a whole call: more than 3 models of 3 timed-out attempts. */
	static final Duration CALL = Duration.ofSeconds(60);

	/** Time past its deadline after which a call counts as hung. */
	static final Duration HANG = CALL.plusSeconds(5);

	private FaultTimeouts() {
	}

}
