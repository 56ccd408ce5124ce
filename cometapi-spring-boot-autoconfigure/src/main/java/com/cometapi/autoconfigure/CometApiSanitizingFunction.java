package com.cometapi.autoconfigure;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the CometAPI secrets in the {@code env} and {@code configprops} actuator
 * endpoints, even with {@code show-values=always}: the API key ({@code cometapi.api-key},
 * {@code COMETAPI_KEY}) entirely, and the user and password of
 * {@code cometapi.cluster.redis-url}. Keys match whatever their form: dashed, camel case
 * or an environment variable.
 *
 * @author CometAPI team
 */
class CometApiSanitizingFunction implements SanitizingFunction {

	private static final Set<String> KEY_PROPERTIES = Set.of("cometapiapikey", "cometapikey");

	private static final String REDIS_URL_PROPERTY = "cometapiclusterredisurl";

	@Override
	public SanitizableData apply(SanitizableData data) {
		String key = canonical(data.getKey());
		if (KEY_PROPERTIES.contains(key)) {
			return data.withSanitizedValue();
		}
		if (REDIS_URL_PROPERTY.equals(key) && data.getValue() != null) {
			return data.withValue(withoutCredentials(data.getValue().toString()));
		}
		return data;
	}

	private static String canonical(String key) {
		if (key == null) {
			return "";
		}
		StringBuilder canonical = new StringBuilder(key.length());
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c != '-' && c != '_' && c != '.') {
				canonical.append(c);
			}
		}
		return canonical.toString().toLowerCase(Locale.ROOT);
	}

	private static String withoutCredentials(String url) {
		try {
			URI uri = new URI(url);
			if (uri.getRawUserInfo() == null) {
				return (url.indexOf('@') < 0) ? url : SanitizableData.SANITIZED_VALUE;
			}
			return new URI(uri.getScheme(), SanitizableData.SANITIZED_VALUE, uri.getHost(), uri.getPort(),
					uri.getPath(), uri.getQuery(), uri.getFragment())
				.toString();
		}
		catch (Exception ex) {
			return SanitizableData.SANITIZED_VALUE;
		}
	}

}
