package com.cometapi.autoconfigure.observation;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.resilience.LimiterSnapshot;

/**
 * The limiter of a model changed its limit of requests in flight or its learnt pace.
 *
 * @author CometAPI team
 */
public class CometLimitChangedEvent extends CometApiEvent {

	private final LimiterSnapshot previous;

	private final LimiterSnapshot current;

	/**
	 * Create an event.
	 * @param template the template
	 * @param previous the limiter's state before
	 * @param current the limiter's state now
	 */
	public CometLimitChangedEvent(CometTemplate template, LimiterSnapshot previous, LimiterSnapshot current) {
		super(template, current.model());
		this.previous = previous;
		this.current = current;
	}

	/**
	 * Return the limiter's state before the change.
	 * @return the previous state
	 */
	public LimiterSnapshot getPrevious() {
		return this.previous;
	}

	/**
	 * Return the limiter's state after the change.
	 * @return the current state
	 */
	public LimiterSnapshot getCurrent() {
		return this.current;
	}

	@Override
	public String toString() {
		return "CometLimitChangedEvent[model=" + getModel() + ", limit=" + this.previous.limit() + "->"
				+ this.current.limit() + ", requestsPerSecond=" + this.previous.requestsPerSecond() + "->"
				+ this.current.requestsPerSecond() + "]";
	}

}
