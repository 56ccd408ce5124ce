package com.cometapi.autoconfigure;

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
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

import com.cometapi.autoconfigure.internal.PropertyChecks;

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

	@Bean
	@ConditionalOnMissingBean(CometApiConnectionDetails.class)
	PropertiesCometApiConnectionDetails cometApiConnectionDetails(CometApiProperties properties,
			Environment environment) {
		return new PropertiesCometApiConnectionDetails(properties, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	CometErrorClassifier cometErrorClassifier(CometApiProperties properties) {
		return new DefaultCometErrorClassifier().withOverrides(properties.getRetry().getStatusDecisions());
	}

	@Bean
	@ConditionalOnMissingBean
	CometTemplate cometTemplate(CometApiProperties properties, CometApiConnectionDetails connectionDetails,
			ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<CometWebClientCustomizer> webClientCustomizers,
			ObjectProvider<CometTemplateCustomizer> templateCustomizers, CometErrorClassifier errorClassifier,
			ObjectProvider<CometLimiter> limiter, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<CometCallObservationConvention> callConvention,
			ObjectProvider<CometAttemptObservationConvention> attemptConvention) {
		CometApiPropertiesMapper mapper = new CometApiPropertiesMapper(properties);
		RetrySettings retry = mapper.retry();
		CometTemplate.Builder builder = CometTemplate.builder()
			.baseUrl(connectionDetails.getBaseUrl())
			.apiKey(connectionDetails.getApiKey())
			.connectTimeout(PropertyChecks.positive("cometapi.connect-timeout", properties.getConnectTimeout()))
			.responseTimeout(PropertyChecks.positive("cometapi.response-timeout", properties.getResponseTimeout()))
			.timeout(PropertyChecks.positive("cometapi.timeout", properties.getTimeout()))
			.maxResponseSize(maxResponseSize(properties))
			.maxConnections(PropertyChecks.between("cometapi.max-connections", properties.getMaxConnections(), 1,
					PropertyChecks.MAX_CONNECTIONS))
			.models(PropertyChecks.models("cometapi.models", properties.getModels()))
			.knownModels(properties.getConcurrency().getModels().keySet())
			.retry(retry)
			.retryBudget(mapper.retryBudget())
			.cooldown(mapper.cooldown())
			.errorClassifier(errorClassifier)
			.callObservationConvention(callConvention.getIfAvailable())
			.attemptObservationConvention(attemptConvention.getIfAvailable())
			.streamFirstChunkTimeout(PropertyChecks.positive("cometapi.stream.first-chunk-timeout",
					properties.getStream().getFirstChunkTimeout()))
			.streamIdleTimeout(
					PropertyChecks.positive("cometapi.stream.idle-timeout", properties.getStream().getIdleTimeout()))
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
