package com.cometapi.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.convert.DurationStyle;
import reactor.core.scheduler.Schedulers;

import com.cometapi.client.catalog.ModelCatalog;
import com.cometapi.client.error.CometApiException;
import com.cometapi.client.error.LogSafe;

/**
 * The start-up check of {@code cometapi.catalog.validate}: once every singleton exists,
 * reads the catalog (waiting at most {@code cometapi.catalog.startup-timeout}), checks
 * the configured models against it, logs each model list with its prices and warns about
 * costly fallbacks. With {@code warn} every problem, an unreachable catalog included, is
 * a warning; with {@code fail} it stops start-up with a
 * {@link CometCatalogValidationException}; with {@code off} nothing happens and nothing
 * goes over the network.
 *
 * @author CometAPI team
 */
class CatalogStartupCheck implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(CatalogStartupCheck.class);

	private static final int MAX_LOGGED = 4096;

	private final ModelCatalog catalog;

	private final CometApiProperties properties;

	CatalogStartupCheck(ModelCatalog catalog, CometApiProperties properties) {
		this.catalog = catalog;
		this.properties = properties;
	}

	@Override
	public void afterSingletonsInstantiated() {
		CometApiProperties.Catalog settings = this.properties.getCatalog();
		CometApiProperties.Catalog.Validation mode = settings.getValidate();
		if (mode == CometApiProperties.Catalog.Validation.OFF) {
			return;
		}
		boolean fail = mode == CometApiProperties.Catalog.Validation.FAIL;
		if (Schedulers.isInNonBlockingThread()) {
			logger.warn("CometAPI catalog check skipped: start-up runs on a non-blocking thread");
			return;
		}
		Duration timeout = CometApiPropertiesMapper.positive("cometapi.catalog.startup-timeout",
				settings.getStartupTimeout());
		try {
			this.catalog.refresh().block(timeout);
		}
		catch (RuntimeException ex) {
			String message = "CometAPI catalog could not be read from "
					+ CometApiAutoConfiguration.withoutVersion(this.properties.getBaseUrl()) + "/api/models: "
					+ describe(ex, timeout);
			if (fail) {
				throw new CometCatalogValidationException(message, ex);
			}
			logger.warn("{}; configured models not checked (cometapi.catalog.validate=warn)",
					LogSafe.escape(message, MAX_LOGGED));
			return;
		}
		CatalogCheck check = new CatalogCheck(this.catalog, this.properties);
		check.priceLines().forEach((line) -> logger.info("CometAPI models {}", LogSafe.escape(line, MAX_LOGGED)));
		check.costlyFallbacks(settings.getMaxFallbackCostRatio())
			.forEach((warning) -> logger.warn("CometAPI costly fallback: {}", LogSafe.escape(warning, MAX_LOGGED)));
		List<CatalogProblem> problems = check.problems();
		if (problems.isEmpty()) {
			return;
		}
		if (fail) {
			throw new CometCatalogValidationException(problems);
		}
		problems.forEach(
				(problem) -> logger.warn("CometAPI catalog check: {}", LogSafe.escape(problem.describe(), MAX_LOGGED)));
	}

	private static String describe(Throwable ex, Duration timeout) {
		if (ex instanceof CometApiException comet && comet.getStatus() > 0) {
			return "it answered HTTP " + comet.getStatus()
					+ ((comet.getStatus() == 404) ? " (not found: check cometapi.base-url)" : "") + ": "
					+ LogSafe.escape(comet.getMessage(), 300);
		}
		if (ex.getMessage() != null && ex.getMessage().startsWith("Timeout on blocking read")) {
			return "no answer within " + DurationStyle.SIMPLE.print(timeout) + " (cometapi.catalog.startup-timeout)";
		}
		return ex.getClass().getSimpleName()
				+ ((ex.getMessage() != null) ? ": " + LogSafe.escape(ex.getMessage(), 300) : "");
	}

}
