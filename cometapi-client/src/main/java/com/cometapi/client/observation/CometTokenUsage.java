package com.cometapi.client.observation;

import com.cometapi.client.listener.TokenCounts;

/**
 * The token counts of an answer, as call observations read them; the client's
 * {@code Usage} is one.
 *
 * @author CometAPI team
 */
public interface CometTokenUsage extends TokenCounts {

	/**
	 * Return the tokens of the prompt.
	 * @return the prompt tokens, or {@code null} when not reported
	 */
	Integer promptTokens();

	/**
	 * Return the tokens of the completion.
	 * @return the completion tokens, or {@code null} when not reported
	 */
	Integer completionTokens();

	/**
	 * Return the tokens of the prompt and the completion.
	 * @return the total, or {@code null} when not reported
	 */
	Integer totalTokens();

}
