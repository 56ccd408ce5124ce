package com.cometapi.autoconfigure.catalog;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.util.function.SingletonSupplier;
import reactor.core.scheduler.Schedulers;

import com.cometapi.autoconfigure.CometApiAutoConfiguration;
import com.cometapi.autoconfigure.CometApiProperties;
import com.cometapi.autoconfigure.CometTemplateCustomizer;
import com.cometapi.client.CometTemplate;
import com.cometapi.client.catalog.CostEstimator;
import com.cometapi.client.catalog.ModelCatalog;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of CometAPI's model catalog: a cached, periodically refreshed
 * {@link ModelCatalog}, a {@link CostEstimator} that gives every response its estimated
 * cost, and the start-up check of the configured models ({@code cometapi.catalog.*}).
 *
 * @author CometAPI team
 */
@AutoConfiguration(after = CometApiAutoConfiguration.class)
@ConditionalOnBean(CometTemplate.class)
@ConditionalOnProperty(prefix = "cometapi.catalog", name = "enabled", havingValue = "true", matchIfMissing = true)
public class CometApiCatalogAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	ModelCatalog cometModelCatalog(CometTemplate cometTemplate, CometApiProperties properties) {
		return new ModelCatalog(cometTemplate::catalog, CatalogSettings.refreshInterval(properties.getCatalog()),
				Schedulers.parallel());
	}

	@Bean
	@ConditionalOnMissingBean
	CostEstimator cometCostEstimator(ModelCatalog cometModelCatalog) {
		return new CostEstimator(cometModelCatalog);
	}

	@Bean
	static CometTemplateCustomizer cometCostEstimatorCustomizer(ObjectProvider<CostEstimator> costEstimator) {
		return (builder) -> builder.costEstimator((model, usage) -> {
			CostEstimator estimator = costEstimator.getIfAvailable();
			return (estimator != null) ? estimator.estimate(model, usage.promptTokens(), usage.completionTokens())
					: null;
		});
	}

	@Bean
	static CometTemplateCustomizer cometCatalogModelsCustomizer(ObjectProvider<ModelCatalog> catalog) {
		SingletonSupplier<ModelCatalog> current = SingletonSupplier.of(catalog::getIfAvailable);
		return (builder) -> builder.knownModelsMatching((id) -> {
			ModelCatalog models = current.get();
			return models != null && models.contains(id);
		});
	}

	@Bean
	@ConditionalOnMissingBean
	ModelCatalogLifecycle cometModelCatalogLifecycle(ModelCatalog cometModelCatalog) {
		return new ModelCatalogLifecycle(cometModelCatalog);
	}

	@Bean
	@ConditionalOnMissingBean
	CatalogStartupCheck cometCatalogStartupCheck(ModelCatalog cometModelCatalog, CometTemplate cometTemplate,
			CometApiProperties properties) {
		return new CatalogStartupCheck(cometModelCatalog, CatalogSettings.of(properties.getCatalog()),
				CatalogCheck.configuredLists(properties), cometTemplate.getBaseUrl());
	}

}
