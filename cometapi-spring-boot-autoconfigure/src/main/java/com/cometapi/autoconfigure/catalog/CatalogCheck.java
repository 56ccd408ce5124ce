package com.cometapi.autoconfigure.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.cometapi.autoconfigure.CometApiProperties;
import com.cometapi.client.catalog.CatalogModel;
import com.cometapi.client.catalog.ModelPricing;
import com.cometapi.client.catalog.ModelCatalog;
import com.cometapi.client.error.LogSafe;

/**
 * Checks the configured model lists ({@code cometapi.models} and every
 * {@code cometapi.routes.<name>.models}) against a read catalog: every id exists, and
 * every fallback model has the type of its list's first model. Also describes each list's
 * prices and finds fallbacks that cost more than a given multiple of their primary.
 *
 * @author CometAPI team
 */
final class CatalogCheck {

	private final ModelCatalog catalog;

	private final Map<String, List<String>> lists;

	CatalogCheck(ModelCatalog catalog, Map<String, List<String>> lists) {
		this.catalog = catalog;
		this.lists = lists;
	}

	/**
	 * Return the configured model lists by the property that names them.
	 * @param properties the properties
	 * @return {@code cometapi.models} (unless empty) and every route's models, in order
	 */
	static Map<String, List<String>> configuredLists(CometApiProperties properties) {
		Map<String, List<String>> lists = new LinkedHashMap<>();
		if (!properties.getModels().isEmpty()) {
			lists.put("cometapi.models", properties.getModels());
		}
		properties.getRoutes()
			.forEach((name, route) -> lists.put("cometapi.routes." + name + ".models", route.getModels()));
		return lists;
	}

	List<CatalogProblem> problems() {
		List<CatalogProblem> problems = new ArrayList<>();
		this.lists.forEach((property, models) -> {
			CatalogModel first = null;
			for (int i = 0; i < models.size(); i++) {
				String id = models.get(i);
				String name = property + "[" + i + "]";
				CatalogModel model = this.catalog.find(id).orElse(null);
				if (model == null) {
					problems
						.add(new CatalogProblem(name, id, "not in CometAPI's catalog", this.catalog.closestIds(id, 3)));
				}
				else if (i > 0 && first != null && first.modelType() != null && model.modelType() != null
						&& !Objects.equals(first.modelType(), model.modelType())) {
					problems.add(new CatalogProblem(name, id,
							"is a '" + LogSafe.escape(model.modelType(), 50) + "' model but the first model '"
									+ first.id() + "' is '" + LogSafe.escape(first.modelType(), 50)
									+ "'; a fallback must be of the same type",
							List.of()));
				}
				if (i == 0) {
					first = model;
				}
			}
		});
		return problems;
	}

	List<String> priceLines() {
		List<String> lines = new ArrayList<>();
		this.lists.forEach((property, models) -> {
			List<String> priced = new ArrayList<>(models.size());
			for (String id : models) {
				priced.add(id + " " + describe(this.catalog.pricing(id).orElse(null)));
			}
			lines.add(property + ": " + String.join(", ", priced));
		});
		return lines;
	}

	List<String> costlyFallbacks(double maxRatio) {
		List<String> warnings = new ArrayList<>();
		this.lists.forEach((property, models) -> {
			if (models.isEmpty()) {
				return;
			}
			BigDecimal primary = referencePrice(this.catalog.pricing(models.get(0)).orElse(null));
			if (primary == null || primary.signum() <= 0) {
				return;
			}
			BigDecimal limit = primary.multiply(BigDecimal.valueOf(maxRatio));
			List<String> costly = new ArrayList<>();
			for (int i = 1; i < models.size(); i++) {
				BigDecimal price = referencePrice(this.catalog.pricing(models.get(i)).orElse(null));
				if (price != null && price.compareTo(limit) > 0) {
					costly.add("[" + i + "] = '" + models.get(i) + "' costs "
							+ price.divide(primary, 1, java.math.RoundingMode.HALF_UP).toPlainString() + "x");
				}
			}
			if (!costly.isEmpty()) {
				warnings.add(property + String.join(", ", costly) + " its primary '" + models.get(0)
						+ "' (cometapi.catalog.max-fallback-cost-ratio=" + maxRatio + ")");
			}
		});
		return warnings;
	}

	private static BigDecimal referencePrice(ModelPricing pricing) {
		if (pricing == null) {
			return null;
		}
		if (pricing.input() != null || pricing.output() != null) {
			return orZero(pricing.input()).add(orZero(pricing.output()));
		}
		return (pricing.perRequest() != null) ? pricing.perRequest() : pricing.perSecond();
	}

	private static BigDecimal orZero(BigDecimal value) {
		return (value != null) ? value : BigDecimal.ZERO;
	}

	private static String describe(ModelPricing pricing) {
		if (pricing == null) {
			return "(price unknown)";
		}
		List<String> parts = new ArrayList<>(4);
		if (pricing.input() != null) {
			parts.add("input " + pricing.input().toPlainString());
		}
		if (pricing.output() != null) {
			parts.add("output " + pricing.output().toPlainString());
		}
		if (!parts.isEmpty() && pricing.currency() != null) {
			parts.set(parts.size() - 1, parts.get(parts.size() - 1) + " " + LogSafe.escape(pricing.currency(), 30));
		}
		if (pricing.perRequest() != null) {
			parts.add(pricing.perRequest().toPlainString() + " USD per request");
		}
		if (pricing.perSecond() != null) {
			parts.add(pricing.perSecond().toPlainString() + " USD per second");
		}
		return parts.isEmpty() ? "(price unknown)" : "(" + String.join(", ", parts) + ")";
	}

}
