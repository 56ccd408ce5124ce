package com.cometapi.client.catalog;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.cometapi.client.wire.Usage;

import static org.assertj.core.api.Assertions.assertThat;

class CostEstimatorTests {

	private static final Usage USAGE = new Usage(1_000, 500, 1_500, null, null, null);

	@Test
	void pricesTokensPerMillion() {
		ModelPricing pricing = pricing("2.0", "8.0", null, null);
		assertThat(costOf(pricing, USAGE, null)).isEqualByComparingTo("0.006");
	}

	@Test
	void addsPerRequestPrice() {
		ModelPricing pricing = pricing("4.0", "32.0", "0.04", null);
		assertThat(costOf(pricing, USAGE, null)).isEqualByComparingTo("0.06");
	}

	@Test
	void pricesPerRequestOnlyModelsWhateverTheTokens() {
		assertThat(costOf(pricing(null, null, "0.1", null), USAGE, null)).isEqualByComparingTo("0.1");
	}

	@Test
	void pricesPerSecondOnlyWithDuration() {
		ModelPricing pricing = pricing(null, null, null, "0.05");
		assertThat(costOf(pricing, null, Duration.ofMillis(2_500))).isEqualByComparingTo("0.125");
		assertThat(costOf(pricing, null, null)).isNull();
	}

	@Test
	void isUnknownWhenPriceMissingForUsedTokens() {
		assertThat(costOf(pricing("0.016", null, null, null), USAGE, null)).isNull();
		assertThat(costOf(pricing(null, null, null, null), USAGE, null)).isNull();
		assertThat(costOf(null, USAGE, null)).isNull();
	}

	@Test
	void pricesEmbeddingsByInputOnly() {
		Usage embedding = new Usage(2_000_000, null, 2_000_000, null, null, null);
		assertThat(costOf(pricing("0.016", null, null, null), embedding, null)).isEqualByComparingTo("0.032");
	}

	@Test
	void looksPricesUpByModel() {
		CostEstimator estimator = new CostEstimator(Map.of("gpt-4o-mini", pricing("0.12", "0.48", null, null))::get);
		assertThat(estimator.estimate("gpt-4o-mini", USAGE.promptTokens(), USAGE.completionTokens()))
			.isEqualTo(new BigDecimal("0.00036"));
		assertThat(estimator.estimate("unknown", USAGE.promptTokens(), USAGE.completionTokens())).isNull();
	}

	private static BigDecimal costOf(ModelPricing pricing, Usage usage, Duration duration) {
		return (usage != null) ? CostEstimator.costOf(pricing, usage.promptTokens(), usage.completionTokens(), duration)
				: CostEstimator.costOf(pricing, null, null, duration);
	}

	private static ModelPricing pricing(String input, String output, String perRequest, String perSecond) {
		return new ModelPricing("USD / M Tokens", decimal(input), decimal(output), decimal(perRequest),
				decimal(perSecond), null);
	}

	private static BigDecimal decimal(String value) {
		return (value != null) ? new BigDecimal(value) : null;
	}

	@Test
	void leavesTheCostUnknownForPricesOutOfRange() {
		assertThat(costOf(pricing("1e-3000000", "1", null, null), USAGE, null)).isNull();
		assertThat(costOf(pricing("1", "1e-999999999", null, null), USAGE, null)).isNull();
		assertThat(costOf(pricing(null, null, "1e999999999", null), USAGE, null)).isNull();
		assertThat(costOf(pricing(null, null, "-1", null), USAGE, null)).isNull();
	}

	@Test
	void leavesTheCostUnknownWhenThePricesCannotBeRead() {
		CostEstimator estimator = new CostEstimator((model) -> {
			throw new IllegalStateException("catalog broken");
		});
		assertThat(estimator.estimate("gpt-4o", USAGE.promptTokens(), USAGE.completionTokens())).isNull();
		CostEstimator perSecond = new CostEstimator((model) -> pricing(null, null, null, "0.1"));
		assertThat(perSecond.estimate("sora-2", USAGE.promptTokens(), USAGE.completionTokens(),
				Duration.ofSeconds(Long.MAX_VALUE)))
			.isNull();
	}

}
