package com.cometapi.autoconfigure.observation;

import com.cometapi.client.CometTemplate;

/**
 * A model is no longer skipped: its cooldown lapsed or an operator ended it.
 *
 * @author CometAPI team
 */
public class CometCooldownEndedEvent extends CometApiEvent {

	/**
	 * Create an event.
	 * @param template the template
	 * @param model the model tried again
	 */
	public CometCooldownEndedEvent(CometTemplate template, String model) {
		super(template, model);
	}

	@Override
	public String toString() {
		return "CometCooldownEndedEvent[model=" + getModel() + "]";
	}

}
