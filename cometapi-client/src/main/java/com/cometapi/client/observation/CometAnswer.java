package com.cometapi.client.observation;

import java.util.List;

/**
 * What a call's span shows of an answer, or of one chunk of a streamed answer: its id,
 * model and finish reasons, never content. The client's {@code ChatCompletion} and
 * {@code ChatCompletionChunk} are such answers.
 *
 * @author CometAPI team
 */
public interface CometAnswer {

	/**
	 * Return the id of the answer.
	 * @return the id, or {@code null}
	 */
	String id();

	/**
	 * Return the model that answered, as the answer names it.
	 * @return the model, or {@code null}
	 */
	String model();

	/**
	 * Return the finish reason of each choice that has one, in order.
	 * @return the finish reasons, empty when none
	 */
	List<String> finishReasons();

}
