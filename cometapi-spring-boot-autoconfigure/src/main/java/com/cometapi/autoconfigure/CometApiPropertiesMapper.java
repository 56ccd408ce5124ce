package com.cometapi.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import com.cometapi.autoconfigure.internal.PropertyChecks;
import com.cometapi.client.CometRoute;
import com.cometapi.client.resilience.ConnectionRetrySettings;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.resilience.RetrySettings;

import static com.cometapi.autoconfigure.internal.PropertyChecks.atLeast;
import static com.cometapi.autoconfigure.internal.PropertyChecks.between;
import static com.cometapi.autoconfigure.internal.PropertyChecks.fraction;
import static com.cometapi.autoconfigure.internal.PropertyChecks.models;
import static com.cometapi.autoconfigure.internal.PropertyChecks.notNegative;
import static com.cometapi.autoconfigure.internal.PropertyChecks.positive;

/**
 * Turns {@link CometApiProperties} into the client's settings, failing start-up with an
 * {@link InvalidConfigurationPropertyValueException} that names the bad property.
 *
 * @author CometAPI team
 */
final class CometApiPropertiesMapper {

	static final int MAX_ATTEMPTS = 100;

	static final double MAX_MULTIPLIER = 100;

	static final double MAX_BUDGET_RATIO = 10;

	static final Duration MAX_BUDGET_WINDOW = Duration.ofHours(1);

	private final CometApiProperties properties;

	CometApiPropertiesMapper(CometApiProperties properties) {
		this.properties = properties;
	}

	RetrySettings retry() {
		CometApiProperties.Retry retry = this.properties.getRetry();
		int maxAttempts = between("cometapi.retry.max-attempts", retry.getMaxAttempts(), 1, MAX_ATTEMPTS);
		Duration initial = notNegative("cometapi.retry.initial-backoff", retry.getInitialBackoff());
		double multiplier = between("cometapi.retry.multiplier", retry.getMultiplier(), 1.0, MAX_MULTIPLIER);
		Duration max = notNegative("cometapi.retry.max-backoff", retry.getMaxBackoff());
		if (max.compareTo(initial) < 0) {
			throw new InvalidConfigurationPropertyValueException("cometapi.retry.max-backoff", max,
					"must not be less than cometapi.retry.initial-backoff (" + initial + ")");
		}
		return new RetrySettings(maxAttempts, initial, multiplier, max, retry.getJitter(), retry.isRespectRetryAfter(),
				connectionRetry(retry.getConnection()));
	}

	private ConnectionRetrySettings connectionRetry(CometApiProperties.Connection connection) {
		int maxAttempts = between("cometapi.retry.connection.max-attempts", connection.getMaxAttempts(), 1,
				MAX_ATTEMPTS);
		Duration initial = notNegative("cometapi.retry.connection.initial-backoff", connection.getInitialBackoff());
		Duration max = notNegative("cometapi.retry.connection.max-backoff", connection.getMaxBackoff());
		if (max.compareTo(initial) < 0) {
			throw new InvalidConfigurationPropertyValueException("cometapi.retry.connection.max-backoff", max,
					"must not be less than cometapi.retry.connection.initial-backoff (" + initial + ")");
		}
		return new ConnectionRetrySettings(maxAttempts, initial, max);
	}

	RetryBudget retryBudget() {
		CometApiProperties.Budget budget = this.properties.getRetry().getBudget();
		if (!budget.isEnabled()) {
			return RetryBudget.unlimited();
		}
		double ratio = between("cometapi.retry.budget.ratio", budget.getRatio(), 0.0, MAX_BUDGET_RATIO);
		int min = between("cometapi.retry.budget.min-retries-per-second", budget.getMinRetriesPerSecond(), 0,
				PropertyChecks.MAX_RATE);
		Duration window = positive("cometapi.retry.budget.window", budget.getWindow());
		if (window.toSeconds() < 1 || window.compareTo(MAX_BUDGET_WINDOW) > 0) {
			throw new InvalidConfigurationPropertyValueException("cometapi.retry.budget.window", window,
					"must be between 1s and 1h");
		}
		return RetryBudget.of(ratio, min, window);
	}

	CooldownSettings cooldown() {
		CometApiProperties.Cooldown cooldown = this.properties.getFallback().getCooldown();
		if (!cooldown.isEnabled()) {
			return CooldownSettings.DISABLED;
		}
		double threshold = fraction("cometapi.fallback.cooldown.failure-rate-threshold",
				cooldown.getFailureRateThreshold());
		int window = between("cometapi.fallback.cooldown.window-size", cooldown.getWindowSize(), 1,
				PropertyChecks.MAX_WINDOW);
		int minimum = atLeast("cometapi.fallback.cooldown.minimum-calls", cooldown.getMinimumCalls(), 1);
		if (minimum > window) {
			throw new InvalidConfigurationPropertyValueException("cometapi.fallback.cooldown.minimum-calls", minimum,
					"must not exceed cometapi.fallback.cooldown.window-size (" + window + ")");
		}
		Duration duration = notNegative("cometapi.fallback.cooldown.duration", cooldown.getDuration());
		return new CooldownSettings(true, threshold, window, minimum, duration);
	}

	List<CometRoute> routes(RetrySettings defaults) {
		List<CometRoute> routes = new ArrayList<>();
		for (Map.Entry<String, CometApiProperties.Route> entry : this.properties.getRoutes().entrySet()) {
			String prefix = "cometapi.routes." + entry.getKey();
			CometApiProperties.Route route = entry.getValue();
			List<String> models = models(prefix + ".models", route.getModels());
			if (models.isEmpty()) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".models", models,
						"a route needs at least one model");
			}
			Duration timeout = (route.getTimeout() != null) ? positive(prefix + ".timeout", route.getTimeout()) : null;
			Duration hedge = (route.getHedgeAfter() != null) ? positive(prefix + ".hedge-after", route.getHedgeAfter())
					: null;
			routes.add(new CometRoute(entry.getKey(), models, routeRetry(prefix, route.getRetry(), defaults), timeout,
					hedge));
		}
		return routes;
	}

	private RetrySettings routeRetry(String prefix, CometApiProperties.RouteRetry retry, RetrySettings defaults) {
		if (retry.getMaxAttempts() == null && retry.getInitialBackoff() == null && retry.getMultiplier() == null
				&& retry.getMaxBackoff() == null && retry.getJitter() == null && retry.getRespectRetryAfter() == null) {
			return null;
		}
		int maxAttempts = (retry.getMaxAttempts() != null)
				? between(prefix + ".retry.max-attempts", retry.getMaxAttempts(), 1, MAX_ATTEMPTS)
				: defaults.maxAttempts();
		Duration initial = (retry.getInitialBackoff() != null)
				? notNegative(prefix + ".retry.initial-backoff", retry.getInitialBackoff()) : defaults.initialBackoff();
		double multiplier = (retry.getMultiplier() != null)
				? between(prefix + ".retry.multiplier", retry.getMultiplier(), 1.0, MAX_MULTIPLIER)
				: defaults.multiplier();
		Duration max = (retry.getMaxBackoff() != null)
				? notNegative(prefix + ".retry.max-backoff", retry.getMaxBackoff()) : defaults.maxBackoff();
		if (max.compareTo(initial) < 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".retry.max-backoff", max,
					"must not be less than the initial backoff (" + initial + ")");
		}
		return new RetrySettings(maxAttempts, initial, multiplier, max,
				(retry.getJitter() != null) ? retry.getJitter() : defaults.jitter(),
				(retry.getRespectRetryAfter() != null) ? retry.getRespectRetryAfter() : defaults.respectRetryAfter(),
				defaults.connection());
	}

}
