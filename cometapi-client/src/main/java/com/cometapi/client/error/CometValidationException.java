package com.cometapi.client.error;

import java.util.List;

/**
 * The request was refused before it left the application: it names no model, has no
 * messages, uses an unknown role or a number out of range. Nothing was sent.
 *
 * @author CometAPI team
 */
public class CometValidationException extends CometNonTransientException {

	private final List<String> problems;

	/**
	 * Create a new instance.
	 * @param model the model the request named, or {@code null}
	 * @param problems what is wrong, one entry per problem
	 */
	public CometValidationException(String model, List<String> problems) {
		super("Invalid CometAPI request: " + String.join("; ", problems),
				CometError.noResponse(String.join("; ", problems), model), CometErrorDecision.FAIL, null);
		this.problems = List.copyOf(problems);
	}

	/**
	 * Return what is wrong with the request, one entry per problem.
	 * @return the problems
	 */
	public List<String> getProblems() {
		return this.problems;
	}

}
