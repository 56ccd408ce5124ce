package com.cometapi.autoconfigure.catalog;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link CometCatalogValidationException}: each property that names a bad
 * model, the id, and the closest ids of the catalog.
 *
 * @author CometAPI team
 */
class CometCatalogValidationFailureAnalyzer extends AbstractFailureAnalyzer<CometCatalogValidationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CometCatalogValidationException cause) {
		if (cause.getProblems().isEmpty()) {
			return new FailureAnalysis(
					"CometAPI's model catalog could not be read at start-up and cometapi.catalog.validate is 'fail': "
							+ cause.getMessage(),
					"Check cometapi.base-url and the network, raise cometapi.catalog.startup-timeout, or set "
							+ "cometapi.catalog.validate=warn to start without the check.",
					cause);
		}
		StringBuilder description = new StringBuilder(
				"CometAPI's model catalog does not match the configured models:\n");
		for (CatalogProblem problem : cause.getProblems()) {
			description.append("\n    ").append(problem.describe());
		}
		return new FailureAnalysis(description.toString(),
				"Fix the model ids named above (the catalog is at GET /api/models of cometapi.base-url), or set "
						+ "cometapi.catalog.validate=warn to start anyway.",
				cause);
	}

}
