package com.cometapi.client.observation;

import java.util.List;

/**
 * The parameters of a chat request that a call's span shows, as call observations read
 * them; the client's {@code ChatRequest} is one. Each is {@code null} when the request
 * leaves it out.
 *
 * @author CometAPI team
 */
public interface CometChatParameters {

	/**
	 * Return the sampling temperature.
	 * @return the temperature, or {@code null}
	 */
	Double temperature();

	/**
	 * Return the nucleus sampling probability.
	 * @return the top p, or {@code null}
	 */
	Double topP();

	/**
	 * Return how many choices to generate.
	 * @return the choice count, or {@code null}
	 */
	Integer n();

	/**
	 * Return the stop sequences.
	 * @return the stop sequences, or {@code null}
	 */
	List<String> stop();

	/**
	 * Return the legacy maximum of generated tokens.
	 * @return the maximum, or {@code null}
	 */
	Integer maxTokens();

	/**
	 * Return the maximum of generated tokens.
	 * @return the maximum, or {@code null}
	 */
	Integer maxCompletionTokens();

	/**
	 * Return the presence penalty.
	 * @return the penalty, or {@code null}
	 */
	Double presencePenalty();

	/**
	 * Return the frequency penalty.
	 * @return the penalty, or {@code null}
	 */
	Double frequencyPenalty();

	/**
	 * Return the sampling seed.
	 * @return the seed, or {@code null}
	 */
	Long seed();

}
