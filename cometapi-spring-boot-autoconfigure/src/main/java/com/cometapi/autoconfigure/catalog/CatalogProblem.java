package com.cometapi.autoconfigure.catalog;

import java.util.List;

import com.cometapi.client.error.LogSafe;

/**
 * One configured model the start-up catalog check found wrong.
 *
 * @param property the property that names the model, such as
 * {@code cometapi.routes.chat.models[1]}
 * @param modelId the model id as configured
 * @param reason what is wrong with it
 * @param suggestions catalog ids close to it, closest first; empty when none
 * @author CometAPI team
 */
public record CatalogProblem(String property, String modelId, String reason, List<String> suggestions) {

	/**
	 * Create a new instance.
	 */
	public CatalogProblem {
		suggestions = (suggestions != null) ? List.copyOf(suggestions) : List.of();
	}

	/**
	 * Describe the problem on one line.
	 * @return the description
	 */
	public String describe() {
		String text = this.property + " = '" + this.modelId + "': " + this.reason;
		return this.suggestions.isEmpty() ? text : text + "; did you mean "
				+ String.join(", ", this.suggestions.stream().map((id) -> LogSafe.escape(id, 100)).toList()) + "?";
	}

}
