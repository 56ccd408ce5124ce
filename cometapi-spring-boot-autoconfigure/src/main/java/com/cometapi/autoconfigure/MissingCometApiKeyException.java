package com.cometapi.autoconfigure;

/**
 * Thrown at start-up when no CometAPI key is configured for a non-loopback base URL.
 * {@link MissingCometApiKeyFailureAnalyzer} explains how to set one.
 *
 * @author CometAPI team
 */
public class MissingCometApiKeyException extends IllegalStateException {

	private final String baseUrl;

	/**
	 * Create a new instance.
	 * @param baseUrl the base URL calls would go to
	 */
	public MissingCometApiKeyException(String baseUrl) {
		super("No CometAPI key: set cometapi.api-key or the COMETAPI_KEY environment variable (base URL " + baseUrl
				+ ")");
		this.baseUrl = baseUrl;
	}

	/**
	 * Return the base URL calls would go to.
	 * @return the base URL
	 */
	public String getBaseUrl() {
		return this.baseUrl;
	}

}
