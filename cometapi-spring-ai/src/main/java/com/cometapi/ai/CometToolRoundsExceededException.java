package com.cometapi.ai;

/**
 * Thrown by {@link CometChatModel} when the model asks for one more tool round than
 * {@code cometapi.spring-ai.chat.max-tool-rounds} (or
 * {@link CometChatModel.Builder#maxToolRounds(int)}) allows. A tool round is one answer
 * with tool calls whose results are sent back; the rounds since the conversation's last
 * user message count. The tools of the answer over the limit are not run.
 *
 * @author CometAPI team
 */
public class CometToolRoundsExceededException extends CometToolCallException {

	private final int limit;

	/**
	 * Create an exception.
	 * @param model the model that asked for the round, or {@code null}
	 * @param limit the most tool rounds allowed
	 */
	public CometToolRoundsExceededException(String model, int limit) {
		super("Model '" + model + "' asked for tool round " + (limit + 1) + " but at most " + limit
				+ " tool rounds are allowed (cometapi.spring-ai.chat.max-tool-rounds)", model, null, null, null);
		this.limit = limit;
	}

	/**
	 * Return the most tool rounds allowed.
	 * @return the limit
	 */
	public int getLimit() {
		return this.limit;
	}

}
