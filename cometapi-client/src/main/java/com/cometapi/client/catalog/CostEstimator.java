package com.cometapi.client.catalog;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.cometapi.client.error.LogSafe;

/**
 * Estimates what a call cost in USD from its token usage and the model's catalog prices:
 * {@code input × prompt_tokens / 1M + output × completion_tokens / 1M + per_request},
 * plus {@code per_second × duration} when a duration is given. Exact decimal arithmetic.
 * The estimate is {@code null} when it cannot be made honestly: no prices for the model,
 * a token price missing for tokens that were used, or only a per-second price and no
 * duration, or a price out of range (see {@link ModelCatalog}). Never guessed, and never
 * an exception: a price function that fails means the cost is unknown. Thread-safe.
 *
 * @author CometAPI team
 */
public final class CostEstimator {

	private static final Logger logger = LoggerFactory.getLogger(CostEstimator.class);

	private final Function<String, ModelPricing> prices;

	/**
	 * Create an estimator that reads prices from a catalog, loading it in the background
	 * the first time it is needed.
	 * @param catalog the catalog
	 */
	public CostEstimator(ModelCatalog catalog) {
		this((model) -> {
			catalog.loadIfEmpty();
			return catalog.pricing(model).orElse(null);
		});
	}

	/**
	 * Create an estimator that reads prices from a function.
	 * @param prices returns a model's prices, or {@code null} when unknown
	 */
	public CostEstimator(Function<String, ModelPricing> prices) {
		this.prices = prices;
	}

	/**
	 * Estimate the cost of a model's tokens.
	 * @param model the model that served the call
	 * @param promptTokens the prompt tokens the call used, or {@code null}
	 * @param completionTokens the completion tokens the call used, or {@code null}
	 * @return the cost in USD, or {@code null} when the price is unknown
	 */
	public BigDecimal estimate(String model, Integer promptTokens, Integer completionTokens) {
		return estimate(model, promptTokens, completionTokens, null);
	}

	/**
	 * Estimate the cost of a model's tokens and duration.
	 * @param model the model that served the call
	 * @param promptTokens the prompt tokens the call used, or {@code null}
	 * @param completionTokens the completion tokens the call used, or {@code null}
	 * @param duration the billed duration for per-second prices, or {@code null}
	 * @return the cost in USD, or {@code null} when the price is unknown
	 */
	public BigDecimal estimate(String model, Integer promptTokens, Integer completionTokens, Duration duration) {
		if (model == null) {
			return null;
		}
		try {
			return costOf(this.prices.apply(model), promptTokens, completionTokens, duration);
		}
		catch (RuntimeException ex) {
			logger.debug("CometAPI cost of model {} unknown: {}", LogSafe.escape(model, 100),
					LogSafe.escape(ex.toString(), 200));
			return null;
		}
	}

	/**
	 * Estimate a cost from prices.
	 * @param pricing the prices, or {@code null}
	 * @param promptTokens the prompt tokens used, or {@code null}
	 * @param completionTokens the completion tokens used, or {@code null}
	 * @param duration the billed duration for per-second prices, or {@code null}
	 * @return the cost in USD, or {@code null} when it cannot be known
	 */
	public static BigDecimal costOf(ModelPricing pricing, Integer promptTokens, Integer completionTokens,
			Duration duration) {
		if (pricing == null || !CatalogPrices.inRange(pricing)) {
			return null;
		}
		long prompt = (promptTokens != null) ? promptTokens : 0;
		long completion = (completionTokens != null) ? completionTokens : 0;
		BigDecimal total = BigDecimal.ZERO;
		boolean priced = false;
		if (pricing.input() != null || pricing.output() != null) {
			if ((prompt > 0 && pricing.input() == null) || (completion > 0 && pricing.output() == null)) {
				return null;
			}
			if (prompt > 0) {
				total = total.add(pricing.input().multiply(BigDecimal.valueOf(prompt)).movePointLeft(6));
			}
			if (completion > 0) {
				total = total.add(pricing.output().multiply(BigDecimal.valueOf(completion)).movePointLeft(6));
			}
			priced = true;
		}
		if (pricing.perRequest() != null) {
			total = total.add(pricing.perRequest());
			priced = true;
		}
		if (pricing.perSecond() != null) {
			if (duration != null) {
				BigDecimal seconds = BigDecimal.valueOf(duration.toNanos()).movePointLeft(9);
				total = total.add(pricing.perSecond().multiply(seconds));
				priced = true;
			}
			else if (!priced) {
				return null;
			}
		}
		return priced ? total.stripTrailingZeros() : null;
	}

}
