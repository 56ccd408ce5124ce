package com.cometapi.client.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The range a catalog price must lie in to be used: from 0 to {@value #MAX_PRICE_TEXT}
 * USD (per million tokens, per request or per second), with at most
 * {@value #MAX_DECIMALS} decimals once trailing zeros are dropped. A price outside it
 * (such as {@code 1e999999999} or {@code 1e-3000000}) would cost memory or CPU to print
 * or multiply, so the model's prices count as unknown instead.
 *
 * @author CometAPI team
 */
final class CatalogPrices {

	static final String MAX_PRICE_TEXT = "1000000";

	static final int MAX_DECIMALS = 12;

	private static final BigDecimal MAX_PRICE = new BigDecimal(MAX_PRICE_TEXT);

	private static final int MAX_DIGITS = 40;

	private CatalogPrices() {
	}

	/**
	 * Return the catalog with the prices of every model that has one out of range
	 * removed, so that they count as unknown.
	 * @param response the catalog as read, with its {@code data}
	 * @param rejected receives the ids of the models whose prices were removed
	 * @return the catalog, the same instance when every price is in range
	 */
	static CatalogResponse withPricesInRange(CatalogResponse response, List<String> rejected) {
		List<CatalogModel> models = new ArrayList<>(response.data().size());
		for (CatalogModel model : response.data()) {
			if (model != null && !inRange(model.pricing())) {
				rejected.add(model.id());
				model = new CatalogModel(model.id(), model.provider(), model.modelType(), model.features(), null,
						model.apiDocUrl(), model.extras());
			}
			models.add(model);
		}
		return rejected.isEmpty() ? response : new CatalogResponse(response.success(), response.page(),
				response.pageSize(), response.total(), models, response.extras());
	}

	/**
	 * Whether every price present is in range.
	 * @param pricing the prices, possibly {@code null}
	 * @return {@code true} when no price is out of range
	 */
	static boolean inRange(ModelPricing pricing) {
		return pricing == null || (inRange(pricing.input()) && inRange(pricing.output())
				&& inRange(pricing.perRequest()) && inRange(pricing.perSecond()));
	}

	private static boolean inRange(BigDecimal price) {
		if (price == null) {
			return true;
		}
		if (price.signum() < 0 || price.compareTo(MAX_PRICE) > 0 || price.precision() > MAX_DIGITS) {
			return false;
		}
		int scale = (price.signum() != 0) ? price.stripTrailingZeros().scale() : price.scale();
		return scale <= MAX_DECIMALS && scale >= -MAX_DIGITS;
	}

}
