package com.cometapi.autoconfigure.observation;

import java.time.Duration;

import com.cometapi.client.CometTemplate;

/**
 * A model started to be skipped: too many of its calls failed, or an operator forced it
 * out.
 *
 * @author CometAPI team
 */
public class CometCooldownStartedEvent extends CometApiEvent {

	private final Duration remaining;

	/**
	 * Create an event.
	 * @param template the template
	 * @param model the model now skipped
	 * @param remaining how long it is skipped from now
	 */
	public CometCooldownStartedEvent(CometTemplate template, String model, Duration remaining) {
		super(template, model);
		this.remaining = remaining;
	}

	/**
	 * Return how long the model is skipped from when the change was seen.
	 * @return the time left
	 */
	public Duration getRemaining() {
		return this.remaining;
	}

	@Override
	public String toString() {
		return "CometCooldownStartedEvent[model=" + getModel() + ", remaining=" + this.remaining + "]";
	}

}
