package com.cometapi.autoconfigure.catalog;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown at start-up, with {@code cometapi.catalog.validate=fail}, when a configured
 * model is not in CometAPI's catalog, does not share the type of its route's first model,
 * or when the catalog could not be read. {@link CometCatalogValidationFailureAnalyzer}
 * explains it.
 *
 * @author CometAPI team
 */
public class CometCatalogValidationException extends IllegalStateException {

	private final List<CatalogProblem> problems;

	/**
	 * Create an instance for configured models that are wrong.
	 * @param problems the problems, at least one
	 */
	public CometCatalogValidationException(List<CatalogProblem> problems) {
		super("CometAPI catalog check failed: "
				+ problems.stream().map(CatalogProblem::describe).collect(Collectors.joining("; ")));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Create an instance for a catalog that could not be read.
	 * @param message what happened
	 * @param cause the failure
	 */
	public CometCatalogValidationException(String message, Throwable cause) {
		super(message, cause);
		this.problems = List.of();
	}

	/**
	 * Return the configured models that are wrong.
	 * @return the problems; empty when the catalog could not be read
	 */
	public List<CatalogProblem> getProblems() {
		return this.problems;
	}

}
