package com.cometapi.client;

import java.math.BigDecimal;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.cometapi.client.error.LogSafe;
import com.cometapi.client.wire.Usage;

/**
 * A cost estimator whose failure means "cost unknown": a call that was served is never
 * failed by its price.
 *
 * @author CometAPI team
 */
final class SafeCostEstimator implements BiFunction<String, Usage, BigDecimal> {

	private static final Logger logger = LoggerFactory.getLogger(SafeCostEstimator.class);

	private final BiFunction<String, Usage, BigDecimal> delegate;

	SafeCostEstimator(BiFunction<String, Usage, BigDecimal> delegate) {
		this.delegate = delegate;
	}

	@Override
	public BigDecimal apply(String model, Usage usage) {
		try {
			return this.delegate.apply(model, usage);
		}
		catch (RuntimeException ex) {
			logger.debug("CometAPI cost of model {} unknown: the estimator failed with {}", LogSafe.escape(model, 100),
					LogSafe.escape(ex.toString(), 200));
			return null;
		}
	}

}
