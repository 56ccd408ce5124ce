package com.cometapi.autoconfigure.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.convert.DurationStyle;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import com.cometapi.autoconfigure.CometApiProperties;
import com.cometapi.client.catalog.ModelCatalog;
import com.cometapi.client.error.CometApiException;
import com.cometapi.client.error.LogSafe;

/**
 * The start-up check of {@code cometapi.catalog.validate}: checks the configured models
 * against the catalog, logs each model list with its prices and warns, one line per list,
 * about costly fallbacks. With {@code warn} (the default) start-up never waits: the
 * catalog is read in the background once every singleton exists, and every problem, an
 * unreachable catalog included, is logged as a warning when the answer comes (or after
 * {@code cometapi.catalog.startup-timeout}). With {@code fail} start-up waits for the
 * catalog at most {@code startup-timeout} and stops with a
 * {@link CometCatalogValidationException}. With {@code off} nothing happens and nothing
 * goes over the network.
 *
 * @author CometAPI team
 */
class CatalogStartupCheck implements SmartInitializingSingleton, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(CatalogStartupCheck.class);

	private static final int MAX_LOGGED = 4096;

	private final ModelCatalog catalog;

	private final CatalogSettings settings;

	private final Map<String, List<String>> lists;

	private final String baseUrl;

	private final Sinks.Empty<Void> done = Sinks.empty();

	private volatile Disposable background;

	CatalogStartupCheck(ModelCatalog catalog, CatalogSettings settings, Map<String, List<String>> lists,
			String baseUrl) {
		this.catalog = catalog;
		this.settings = settings;
		this.lists = lists;
		this.baseUrl = baseUrl;
	}

	@Override
	public void afterSingletonsInstantiated() {
		CometApiProperties.Catalog.Validation mode = this.settings.validate();
		if (mode == CometApiProperties.Catalog.Validation.OFF) {
			this.done.tryEmitEmpty();
			return;
		}
		Duration timeout = this.settings.startupTimeout();
		if (mode == CometApiProperties.Catalog.Validation.WARN) {
			this.background = this.catalog.refresh()
				.timeout(timeout)
				.doFinally((signal) -> this.done.tryEmitEmpty())
				.subscribe((response) -> warnAboutProblems(),
						(ex) -> logger.warn("{}; configured models not checked (cometapi.catalog.validate=warn)",
								LogSafe.escape(unreadable(timeout, ex), MAX_LOGGED)));
			return;
		}
		if (Schedulers.isInNonBlockingThread()) {
			logger.warn("CometAPI catalog check skipped: start-up runs on a non-blocking thread");
			this.done.tryEmitEmpty();
			return;
		}
		try {
			this.catalog.refresh().block(timeout);
		}
		catch (RuntimeException ex) {
			throw new CometCatalogValidationException(unreadable(timeout, ex), ex);
		}
		finally {
			this.done.tryEmitEmpty();
		}
		List<CatalogProblem> problems = report();
		if (!problems.isEmpty()) {
			throw new CometCatalogValidationException(problems);
		}
	}

	/**
	 * Return a {@link Mono} that completes when the check has ended.
	 * @return the end of the check
	 */
	Mono<Void> done() {
		return this.done.asMono();
	}

	@Override
	public void destroy() {
		Disposable background = this.background;
		if (background != null) {
			background.dispose();
		}
	}

	private void warnAboutProblems() {
		report().forEach(
				(problem) -> logger.warn("CometAPI catalog check: {}", LogSafe.escape(problem.describe(), MAX_LOGGED)));
	}

	private List<CatalogProblem> report() {
		CatalogCheck check = new CatalogCheck(this.catalog, this.lists);
		check.priceLines().forEach((line) -> logger.info("CometAPI models {}", LogSafe.escape(line, MAX_LOGGED)));
		check.costlyFallbacks(this.settings.maxFallbackCostRatio())
			.forEach((warning) -> logger.warn("CometAPI costly fallback: {}", LogSafe.escape(warning, MAX_LOGGED)));
		return check.problems();
	}

	private String unreadable(Duration timeout, Throwable ex) {
		return "CometAPI catalog could not be read from " + this.baseUrl + "/api/models: " + describe(ex, timeout);
	}

	private static String describe(Throwable ex, Duration timeout) {
		if (ex instanceof CometApiException comet && comet.getStatus() > 0) {
			return "it answered HTTP " + comet.getStatus()
					+ ((comet.getStatus() == 404) ? " (not found: check cometapi.base-url)" : "") + ": "
					+ LogSafe.escape(comet.getMessage(), 300);
		}
		if (ex instanceof TimeoutException
				|| (ex.getMessage() != null && ex.getMessage().startsWith("Timeout on blocking read"))) {
			return "no answer within " + DurationStyle.SIMPLE.print(timeout) + " (cometapi.catalog.startup-timeout)";
		}
		return ex.getClass().getSimpleName()
				+ ((ex.getMessage() != null) ? ": " + LogSafe.escape(ex.getMessage(), 300) : "");
	}

}
