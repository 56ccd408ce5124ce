package com.cometapi.autoconfigure.catalog;

import java.time.Duration;

import com.cometapi.autoconfigure.CometApiProperties;
import com.cometapi.autoconfigure.internal.PropertyChecks;

/**
 * The checked {@code cometapi.catalog.*} properties of the start-up check: the one place
 * they are read and checked.
 *
 * @param validate what the start-up check does
 * @param startupTimeout how long the start-up check waits for the catalog
 * @param maxFallbackCostRatio the price multiple of its primary above which a fallback is
 * reported
 * @author CometAPI team
 */
record CatalogSettings(CometApiProperties.Catalog.Validation validate, Duration startupTimeout,
		double maxFallbackCostRatio) {

	static final double MAX_FALLBACK_COST_RATIO = 1_000_000;

	/**
	 * Check and map the start-up check's properties.
	 * @param catalog the {@code cometapi.catalog} properties
	 * @return the settings
	 */
	static CatalogSettings of(CometApiProperties.Catalog catalog) {
		double ratio = PropertyChecks.aboveZero("cometapi.catalog.max-fallback-cost-ratio",
				catalog.getMaxFallbackCostRatio(), MAX_FALLBACK_COST_RATIO);
		Duration startupTimeout = PropertyChecks.positive("cometapi.catalog.startup-timeout",
				catalog.getStartupTimeout());
		return new CatalogSettings(catalog.getValidate(), startupTimeout, ratio);
	}

	/**
	 * Check {@code cometapi.catalog.refresh-interval}.
	 * @param catalog the {@code cometapi.catalog} properties
	 * @return how often the catalog is read again
	 */
	static Duration refreshInterval(CometApiProperties.Catalog catalog) {
		return PropertyChecks.positive("cometapi.catalog.refresh-interval", catalog.getRefreshInterval());
	}

}
