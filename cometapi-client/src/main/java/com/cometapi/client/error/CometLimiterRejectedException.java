package com.cometapi.client.error;

/**
 * The client's own concurrency limiter refused the call before it left the application:
 * its queue was full or the call waited longer than the queue timeout. Nothing was sent.
 *
 * @author CometAPI team
 */
public class CometLimiterRejectedException extends CometTransientException {

	private final String limit;

	private final String limitValue;

	/**
	 * Create a new instance.
	 * @param model the model the call waited for
	 * @param limit the property of the limit that refused the call, for example
	 * {@code cometapi.concurrency.max-queued}
	 * @param limitValue the value of that limit
	 */
	public CometLimiterRejectedException(String model, String limit, String limitValue) {
		super("CometAPI call to " + model + " rejected by the client limiter: " + limit + "=" + limitValue,
				CometError.noResponse("rejected by " + limit + "=" + limitValue, model), CometErrorDecision.FAIL, null);
		this.limit = limit;
		this.limitValue = limitValue;
	}

	/**
	 * Return the property of the limit that refused the call.
	 * @return the property name
	 */
	public String getLimit() {
		return this.limit;
	}

	/**
	 * Return the value of the limit that refused the call.
	 * @return the value, as configured
	 */
	public String getLimitValue() {
		return this.limitValue;
	}

}
