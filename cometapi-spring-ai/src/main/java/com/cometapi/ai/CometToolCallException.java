package com.cometapi.ai;

/**
 * Thrown by {@link CometChatModel} when an answer's tool calls cannot be run as they are:
 * a call without an id, a tool that was not offered, arguments that are not a JSON
 * object, or more calls in one answer than
 * {@code cometapi.spring-ai.chat.max-tool-calls-per-answer} allows. Nothing of the answer
 * is run. The message names the model and the tool call, never their arguments.
 *
 * @author CometAPI team
 */
public class CometToolCallException extends RuntimeException {

	private final String model;

	private final String toolName;

	private final String toolCallId;

	/**
	 * Create an exception.
	 * @param message the message
	 * @param model the model that answered, or {@code null}
	 * @param toolName the tool the call names, or {@code null}
	 * @param toolCallId the id of the call, or {@code null}
	 * @param cause the cause, or {@code null}
	 */
	public CometToolCallException(String message, String model, String toolName, String toolCallId, Throwable cause) {
		super(message, cause);
		this.model = model;
		this.toolName = toolName;
		this.toolCallId = toolCallId;
	}

	/**
	 * Return the model that answered with the tool calls.
	 * @return the model, or {@code null} when unknown
	 */
	public String getModel() {
		return this.model;
	}

	/**
	 * Return the tool the faulty call names.
	 * @return the tool's name, or {@code null} when the fault is not one call's
	 */
	public String getToolName() {
		return this.toolName;
	}

	/**
	 * Return the id of the faulty call.
	 * @return the id, or {@code null} when it has none or the fault is not one call's
	 */
	public String getToolCallId() {
		return this.toolCallId;
	}

}
