package com.cometapi.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.util.function.SingletonSupplier;

import com.cometapi.client.internal.Checks;

/**
 * {@link CometApiConnectionDetails} read from {@code cometapi.base-url} and
 * {@code cometapi.api-key}, else the {@code COMETAPI_KEY} environment variable, else no
 * key for a loopback base URL. Checks the base URL once, on first use: an absolute
 * http(s) URL without a user or password; a trailing {@code /v1} is dropped and plain
 * http to another machine is used, each with a warning.
 *
 * @author CometAPI team
 */
class PropertiesCometApiConnectionDetails implements CometApiConnectionDetails {

	/**
	 * The key used for a loopback base URL when none is configured.
	 */
	static final String LOOPBACK_KEY = "test-key";

	private static final Logger logger = LoggerFactory.getLogger(PropertiesCometApiConnectionDetails.class);

	private static final Pattern IPV4_LITERAL = Pattern
		.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");

	private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9a-fA-F:]{2,39}\\]");

	private final CometApiProperties properties;

	private final Environment environment;

	private final SingletonSupplier<String> baseUrl = SingletonSupplier.of(this::baseUrl);

	PropertiesCometApiConnectionDetails(CometApiProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public String getBaseUrl() {
		return this.baseUrl.obtain();
	}

	/**
	 * Return the key: {@code cometapi.api-key}, else {@code COMETAPI_KEY}, else
	 * {@value #LOOPBACK_KEY} for a loopback base URL.
	 * @return the key
	 * @throws MissingCometApiKeyException when there is none for a base URL that is not
	 * loopback
	 */
	@Override
	public String getApiKey() {
		String key = configuredKey();
		if (StringUtils.hasText(key)) {
			return key.strip();
		}
		if (isLoopback(this.properties.getBaseUrl())) {
			return LOOPBACK_KEY;
		}
		throw new MissingCometApiKeyException(this.properties.getBaseUrl());
	}

	private String configuredKey() {
		String key = this.properties.getApiKey();
		return StringUtils.hasText(key) ? key
				: this.environment.getProperty(CometApiAutoConfiguration.API_KEY_ENVIRONMENT_VARIABLE);
	}

	private String baseUrl() {
		String url = checkedBaseUrl(this.properties.getBaseUrl());
		if (url.startsWith("http:") && StringUtils.hasText(configuredKey()) && !isLoopback(url)) {
			logger.warn("cometapi.base-url {} is plain http to a host that is not this machine: the API key "
					+ "travels unencrypted; use https", printable(URI.create(url)));
		}
		return url;
	}

	/**
	 * Return {@code cometapi.base-url} checked, without a trailing {@code /} or
	 * {@code /v1} (which the client adds to every path itself; a warning says so).
	 * @param baseUrl the configured base URL
	 * @return the base URL to use
	 */
	static String checkedBaseUrl(String baseUrl) {
		Checks.BaseUrlProblem problem = Checks.baseUrlProblem(baseUrl);
		if (problem == Checks.BaseUrlProblem.NOT_HTTP_URL) {
			throw new InvalidConfigurationPropertyValueException("cometapi.base-url", withoutUserInfo(baseUrl),
					"must be an absolute http(s) URL such as https://api.cometapi.com");
		}
		if (problem == Checks.BaseUrlProblem.USER_INFO) {
			throw new InvalidConfigurationPropertyValueException("cometapi.base-url", withoutUserInfo(baseUrl),
					"must not contain a user or password: CometAPI authenticates with cometapi.api-key");
		}
		String url = Checks.withoutVersion(baseUrl);
		if (Checks.endsWithVersion(baseUrl)) {
			logger.warn("cometapi.base-url ends with /v1, which the client adds to every path itself: using {} "
					+ "instead; remove /v1 from the property", printable(URI.create(url)));
		}
		return url;
	}

	private static String withoutUserInfo(String url) {
		return Checks.withoutUserInfo(url, "***");
	}

	private static String printable(URI uri) {
		return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "")
				+ ((uri.getRawPath() != null) ? uri.getRawPath() : "");
	}

	/**
	 * Whether a base URL names this machine: {@code localhost} or an IP loopback literal
	 * ({@code 127.x.y.z}, {@code [::1]}). A host name is never resolved.
	 * @param baseUrl the base URL
	 * @return whether the host is loopback
	 */
	static boolean isLoopback(String baseUrl) {
		try {
			String host = URI.create(baseUrl).getHost();
			if (host == null) {
				return false;
			}
			if (host.equalsIgnoreCase("localhost")) {
				return true;
			}
			Matcher ipv4 = IPV4_LITERAL.matcher(host);
			if (ipv4.matches()) {
				return ipv4.group(1).equals("127") && Integer.parseInt(ipv4.group(2)) <= 255
						&& Integer.parseInt(ipv4.group(3)) <= 255 && Integer.parseInt(ipv4.group(4)) <= 255;
			}
			return IPV6_LITERAL.matcher(host).matches()
					&& InetAddress.getByName(host.substring(1, host.length() - 1)).isLoopbackAddress();
		}
		catch (RuntimeException | UnknownHostException ex) {
			return false;
		}
	}

	@Override
	public String toString() {
		return "PropertiesCometApiConnectionDetails[baseUrl=" + withoutUserInfo(this.properties.getBaseUrl())
				+ ", apiKey=" + (StringUtils.hasText(configuredKey()) ? "****" : "unset") + "]";
	}

}
