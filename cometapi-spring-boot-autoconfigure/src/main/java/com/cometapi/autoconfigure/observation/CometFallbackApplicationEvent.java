package com.cometapi.autoconfigure.observation;

import com.cometapi.client.CometTemplate;

/**
 * A call moved from one model to the next of its list; {@link #getModel()} is the model
 * it left.
 *
 * @author CometAPI team
 */
public class CometFallbackApplicationEvent extends CometApiEvent {

	private final String to;

	private final String reason;

	/**
	 * Create an event.
	 * @param template the template
	 * @param from the model the call left
	 * @param to the model the call moved to
	 * @param reason why: the HTTP status, {@code TIMEOUT}, {@code IO_ERROR},
	 * {@code MALFORMED}, {@code HEDGE} or another reason of the pipeline
	 */
	public CometFallbackApplicationEvent(CometTemplate template, String from, String to, String reason) {
		super(template, from);
		this.to = to;
		this.reason = reason;
	}

	/**
	 * Return the model the call moved to.
	 * @return the model
	 */
	public String getTo() {
		return this.to;
	}

	/**
	 * Return why the call moved.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	@Override
	public String toString() {
		return "CometFallbackApplicationEvent[from=" + getModel() + ", to=" + this.to + ", reason=" + this.reason + "]";
	}

}
