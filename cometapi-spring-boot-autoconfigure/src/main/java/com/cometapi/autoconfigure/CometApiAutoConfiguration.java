package com.cometapi.autoconfigure;

import java.net.URI;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.error.CometErrorClassifier;
import com.cometapi.client.error.DefaultCometErrorClassifier;
import com.cometapi.client.observation.CometAttemptObservationConvention;
import com.cometapi.client.observation.CometCallObservationConvention;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.resilience.RetrySettings;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of a {@link CometTemplate} from {@code cometapi.*} properties.
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
		CometTemplate.Builder builder = CometTemplate.builder()
			.baseUrl(checkedBaseUrl(properties.getBaseUrl()))
			.apiKey(apiKey(properties, environment))
			.connectTimeout(
					CometApiPropertiesMapper.positive("cometapi.connect-timeout", properties.getConnectTimeout()))
			.responseTimeout(
					CometApiPropertiesMapper.positive("cometapi.response-timeout", properties.getResponseTimeout()))
			.timeout(CometApiPropertiesMapper.positive("cometapi.timeout", properties.getTimeout()))
			.maxResponseSize(maxResponseSize(properties))
			.maxConnections(CometApiPropertiesMapper.between("cometapi.max-connections", properties.getMaxConnections(),
					1, CometApiPropertiesMapper.MAX_CONNECTIONS))
			.models(CometApiPropertiesMapper.models("cometapi.models", properties.getModels()))
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
		return builder.build();
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

	private static String checkedBaseUrl(String baseUrl) {
		try {
			URI uri = URI.create(baseUrl);
			if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
				return baseUrl;
			}
		}
		catch (RuntimeException ex) {
			// reported below
		}
		throw new InvalidConfigurationPropertyValueException("cometapi.base-url", baseUrl,
				"must be an absolute http(s) URL such as https://api.cometapi.com");
	}

	static boolean isLoopback(String baseUrl) {
		try {
			String host = URI.create(baseUrl).getHost();
			return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
