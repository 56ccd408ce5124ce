package com.cometapi.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

import com.cometapi.client.CometClient;
import com.cometapi.client.CometTemplate;
import com.cometapi.client.error.CometErrorClassifier;
import com.cometapi.client.error.DefaultCometErrorClassifier;
import com.cometapi.client.observation.CometAttemptObservationConvention;
import com.cometapi.client.observation.CometCallObservationConvention;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.resilience.RetrySettings;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of a {@link CometTemplate} from {@code cometapi.*} properties, and
 * of the blocking {@link CometClient} in front of it.
 *
 * @author CometAPI team
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration",
				"org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass({ WebClient.class, HttpClient.class })
@EnableConfigurationProperties(CometApiProperties.class)
public class CometApiAutoConfiguration {

	/**
	 * Environment variable CometAPI's own docs use for the key.
	 */
	public static final String API_KEY_ENVIRONMENT_VARIABLE = "COMETAPI_KEY";

	private static final Logger logger = LoggerFactory.getLogger(CometApiAutoConfiguration.class);

	private static final Pattern IPV4_LITERAL = Pattern
		.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");

	private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9a-fA-F:]{2,39}\\]");

	@Bean
	@ConditionalOnMissingBean
	CometErrorClassifier cometErrorClassifier(CometApiProperties properties) {
		return new DefaultCometErrorClassifier().withOverrides(properties.getRetry().getStatusDecisions());
	}

	@Bean
	@ConditionalOnMissingBean
	CometTemplate cometTemplate(CometApiProperties properties, Environment environment,
			ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<CometWebClientCustomizer> webClientCustomizers,
			ObjectProvider<CometTemplateCustomizer> templateCustomizers, CometErrorClassifier errorClassifier,
			ObjectProvider<CometLimiter> limiter, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<CometCallObservationConvention> callConvention,
			ObjectProvider<CometAttemptObservationConvention> attemptConvention) {
		CometApiPropertiesMapper mapper = new CometApiPropertiesMapper(properties);
		RetrySettings retry = mapper.retry();
		String baseUrl = baseUrl(properties.getBaseUrl());
		String apiKey = apiKey(properties, environment);
		warnIfKeyTravelsInClear(baseUrl, properties.getApiKey(), environment);
		CometTemplate.Builder builder = CometTemplate.builder()
			.baseUrl(baseUrl)
			.apiKey(apiKey)
			.connectTimeout(
					CometApiPropertiesMapper.positive("cometapi.connect-timeout", properties.getConnectTimeout()))
			.responseTimeout(
					CometApiPropertiesMapper.positive("cometapi.response-timeout", properties.getResponseTimeout()))
			.timeout(CometApiPropertiesMapper.positive("cometapi.timeout", properties.getTimeout()))
			.maxResponseSize(maxResponseSize(properties))
			.maxConnections(CometApiPropertiesMapper.between("cometapi.max-connections", properties.getMaxConnections(),
					1, CometApiPropertiesMapper.MAX_CONNECTIONS))
			.models(CometApiPropertiesMapper.models("cometapi.models", properties.getModels()))
			.knownModels(properties.getConcurrency().getModels().keySet())
			.retry(retry)
			.retryBudget(mapper.retryBudget())
			.cooldown(mapper.cooldown())
			.errorClassifier(errorClassifier)
			.callObservationConvention(callConvention.getIfAvailable())
			.attemptObservationConvention(attemptConvention.getIfAvailable())
			.streamFirstChunkTimeout(CometApiPropertiesMapper.positive("cometapi.stream.first-chunk-timeout",
					properties.getStream().getFirstChunkTimeout()))
			.streamIdleTimeout(CometApiPropertiesMapper.positive("cometapi.stream.idle-timeout",
					properties.getStream().getIdleTimeout()))
			.streamIncludeUsage(properties.getStream().isIncludeUsage());
		mapper.routes(retry).forEach(builder::route);
		WebClient.Builder applicationBuilder = webClientBuilder.getIfAvailable();
		if (applicationBuilder != null) {
			builder.webClientBuilder(applicationBuilder);
		}
		limiter.ifAvailable(builder::limiter);
		if (properties.getObservation().isEnabled()) {
			builder.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
		}
		webClientCustomizers.orderedStream()
			.forEach((customizer) -> builder.webClientCustomizer(customizer::customize));
		templateCustomizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		CometTemplate template = builder.build();
		if (template.getRoute().models().isEmpty() && template.getRouteNames().isEmpty()) {
			logger.warn("CometAPI has no model configured (cometapi.models is empty and there are no "
					+ "cometapi.routes): prompt() and requests that name no model will fail; set cometapi.models");
		}
		return template;
	}

	@Bean
	@ConditionalOnMissingBean
	CometClient cometClient(CometTemplate cometTemplate) {
		return CometClient.of(cometTemplate);
	}

	private static int maxResponseSize(CometApiProperties properties) {
		long bytes = properties.getMaxResponseSize().toBytes();
		if (bytes < 1024 || bytes > Integer.MAX_VALUE) {
			throw new InvalidConfigurationPropertyValueException("cometapi.max-response-size",
					properties.getMaxResponseSize(), "must be between 1KB and 2GB");
		}
		return (int) bytes;
	}

	static String apiKey(CometApiProperties properties, Environment environment) {
		String key = properties.getApiKey();
		if (!StringUtils.hasText(key)) {
			key = environment.getProperty(API_KEY_ENVIRONMENT_VARIABLE);
		}
		if (StringUtils.hasText(key)) {
			return key.strip();
		}
		if (isLoopback(properties.getBaseUrl())) {
			return "test-key";
		}
		throw new MissingCometApiKeyException(properties.getBaseUrl());
	}

	/**
	 * Return {@code cometapi.base-url} checked, without a trailing {@code /} or
	 * {@code /v1} (which the client adds to every path itself; a warning says so).
	 * @param baseUrl the configured base URL
	 * @return the base URL to use
	 */
	static String baseUrl(String baseUrl) {
		URI uri = null;
		try {
			uri = URI.create(baseUrl);
		}
		catch (RuntimeException ex) {
			// reported below
		}
		if (uri == null || uri.getHost() == null
				|| !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
			throw new InvalidConfigurationPropertyValueException("cometapi.base-url", withoutUserInfo(baseUrl),
					"must be an absolute http(s) URL such as https://api.cometapi.com");
		}
		if (uri.getRawUserInfo() != null) {
			throw new InvalidConfigurationPropertyValueException("cometapi.base-url", withoutUserInfo(baseUrl),
					"must not contain a user or password: CometAPI authenticates with cometapi.api-key");
		}
		String url = withoutVersion(baseUrl);
		if (!url.equals(withoutTrailingSlash(baseUrl))) {
			logger.warn("cometapi.base-url ends with /v1, which the client adds to every path itself: using {} "
					+ "instead; remove /v1 from the property", withoutUserInfo(URI.create(url)));
		}
		return url;
	}

	/**
	 * Return a base URL without a trailing {@code /} or {@code /v1}, however often
	 * repeated.
	 * @param baseUrl the base URL
	 * @return the base URL calls go to
	 */
	static String withoutVersion(String baseUrl) {
		String url = withoutTrailingSlash(baseUrl);
		while (endsWithVersion(url)) {
			url = withoutTrailingSlash(url.substring(0, url.length() - 3));
		}
		return url;
	}

	private static boolean endsWithVersion(String url) {
		int path = url.indexOf('/', url.indexOf("://") + 3);
		return path >= 0 && path <= url.length() - 3 && url.toLowerCase(Locale.ROOT).endsWith("/v1");
	}

	private static String withoutTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	private static void warnIfKeyTravelsInClear(String baseUrl, String configuredKey, Environment environment) {
		URI uri = URI.create(baseUrl);
		boolean keyConfigured = StringUtils.hasText(configuredKey)
				|| StringUtils.hasText(environment.getProperty(API_KEY_ENVIRONMENT_VARIABLE));
		if ("http".equals(uri.getScheme()) && keyConfigured && !isLoopback(baseUrl)) {
			logger.warn("cometapi.base-url {} is plain http to a host that is not this machine: the API key "
					+ "travels unencrypted; use https", withoutUserInfo(uri));
		}
	}

	private static String withoutUserInfo(String url) {
		if (url == null) {
			return null;
		}
		int authority = url.indexOf("://");
		int at = url.lastIndexOf('@');
		return (authority >= 0 && at > authority) ? url.substring(0, authority + 3) + "***" + url.substring(at) : url;
	}

	private static String withoutUserInfo(URI uri) {
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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
	static class SanitizingConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "cometApiSanitizingFunction")
		CometApiSanitizingFunction cometApiSanitizingFunction() {
			return new CometApiSanitizingFunction();
		}

	}

}
