package com.cometapi.autoconfigure.observation;

import org.springframework.context.ApplicationEvent;

import com.cometapi.client.CometTemplate;

/**
 * A change in how a {@link CometTemplate} serves calls, published as a Spring application
 * event so that an application can react. Listeners may run on a Reactor event loop: they
 * must not block (use {@code @Async} for slow work).
 *
 * @author CometAPI team
 * @see CometFallbackApplicationEvent
 * @see CometCooldownStartedEvent
 * @see CometCooldownEndedEvent
 * @see CometLimitChangedEvent
 */
public abstract class CometApiEvent extends ApplicationEvent {

	private final String model;

	/**
	 * Create an event.
	 * @param template the template whose state changed
	 * @param model the model concerned
	 */
	protected CometApiEvent(CometTemplate template, String model) {
		super(template);
		this.model = model;
	}

	/**
	 * Return the template whose state changed.
	 * @return the template
	 */
	public CometTemplate getTemplate() {
		return (CometTemplate) getSource();
	}

	/**
	 * Return the model concerned.
	 * @return the model
	 */
	public String getModel() {
		return this.model;
	}

}
