package com.cometapi.client.listener;

/**
 * The token counts of an answer, as a {@link CometCallListener} receives them.
 *
 * @author CometAPI team
 */
public interface TokenCounts {

	/**
	 * Return the tokens of the prompt.
	 * @return the count, or {@code null} when unknown
	 */
	Integer promptTokens();

	/**
	 * Return the tokens of the completion.
	 * @return the count, or {@code null} when unknown
	 */
	Integer completionTokens();

	/**
	 * Return the tokens of prompt and completion.
	 * @return the count, or {@code null} when unknown
	 */
	Integer totalTokens();

}
