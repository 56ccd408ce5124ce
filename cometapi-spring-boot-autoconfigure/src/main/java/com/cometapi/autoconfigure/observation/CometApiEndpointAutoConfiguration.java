package com.cometapi.autoconfigure.observation;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import com.cometapi.autoconfigure.CometApiAutoConfiguration;
import com.cometapi.autoconfigure.catalog.CometApiCatalogAutoConfiguration;
import com.cometapi.client.CometTemplate;
import com.cometapi.client.catalog.ModelCatalog;
import com.cometapi.client.observation.CometTrafficRecorder;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code cometapi} actuator endpoint
 * ({@link CometApiEndpoint}) when Spring Boot's actuator is present. Like every endpoint
 * it is exposed only when included, for example with
 * {@code management.endpoints.web.exposure.include=cometapi}.
 *
 * @author CometAPI team
 */
@AutoConfiguration(after = { CometApiAutoConfiguration.class, CometApiObservationAutoConfiguration.class,
		CometApiCatalogAutoConfiguration.class })
@ConditionalOnClass(name = CometApiEndpointAutoConfiguration.ENDPOINT_ANNOTATION)
@ConditionalOnBean(CometTemplate.class)
public class CometApiEndpointAutoConfiguration {

	static final String ENDPOINT_ANNOTATION = "org.springframework.boot.actuate.endpoint.annotation.Endpoint";

	@Bean
	@ConditionalOnMissingBean
	CometApiEndpoint cometApiEndpoint(CometTemplate template, ObjectProvider<CometTrafficRecorder> recorder,
			ObjectProvider<ModelCatalog> catalog) {
		return new CometApiEndpoint(template, recorder::getIfUnique, catalog::getIfUnique);
	}

}
