package com.cometapi.autoconfigure;

/**
 * Where the auto-configured CometAPI client connects and with which key: the one home of
 * the base URL and the secret, like Spring Boot's {@code RedisConnectionDetails}. By
 * default read from {@code cometapi.base-url} and {@code cometapi.api-key} (or the
 * {@code COMETAPI_KEY} environment variable); declare a bean of this type to take them
 * from elsewhere, such as a test's mock server or a secret store. The template and the
 * shared limits of {@code cometapi.cluster} (whose Redis keys carry a hash of the key)
 * use it.
 * <p>
 * An implementation's {@code toString()} must never show the key.
 *
 * @author CometAPI team
 */
public interface CometApiConnectionDetails {

	/**
	 * Return the base URL of CometAPI, without {@code /v1}, such as
	 * {@code https://api.cometapi.com}.
	 * @return the base URL
	 */
	String getBaseUrl();

	/**
	 * Return the CometAPI key, sent as a bearer token.
	 * @return the key
	 */
	String getApiKey();

}
