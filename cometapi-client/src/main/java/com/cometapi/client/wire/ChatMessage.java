package com.cometapi.client.wire;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A chat message: what the caller sends in {@link ChatRequest#messages()}, what the model
 * answers in {@link Choice#message()}, and the delta of a stream chunk.
 *
 * @param role who speaks: one of {@link #ROLES}
 * @param content the content, a string or parts; {@code null} for an assistant message
 * that only calls tools
 * @param name an optional name of the participant
 * @param toolCallId for a {@code tool} message, the id of the call it answers
 * @param toolCalls for an {@code assistant} message, the tools it calls
 * @param refusal the model's refusal message, when it refused
 * @param extras fields this type does not name (such as {@code reasoning_content}), kept
 * as read
 * @author CometAPI team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(@JsonProperty("role") String role, @JsonProperty("content") MessageContent content,
		@JsonProperty("name") String name, @JsonProperty("tool_call_id") String toolCallId,
		@JsonProperty("tool_calls") List<ToolCall> toolCalls, @JsonProperty("refusal") String refusal,
		@CometJson.Extras Map<String, Object> extras) {

	/**
	 * Role of the instructions that set the model's behaviour.
	 */
	public static final String ROLE_SYSTEM = "system";

	/**
	 * Role of developer instructions (newer models' name for {@code system}).
	 */
	public static final String ROLE_DEVELOPER = "developer";

	/**
	 * Role of the end user.
	 */
	public static final String ROLE_USER = "user";

	/**
	 * Role of the model.
	 */
	public static final String ROLE_ASSISTANT = "assistant";

	/**
	 * Role of a tool's result.
	 */
	public static final String ROLE_TOOL = "tool";

	/**
	 * All roles, in the order {@code system, developer, user, assistant, tool}.
	 */
	public static final Set<String> ROLES = Collections.unmodifiableSet(
			new LinkedHashSet<>(List.of(ROLE_SYSTEM, ROLE_DEVELOPER, ROLE_USER, ROLE_ASSISTANT, ROLE_TOOL)));

	/**
	 * Create a new instance.
	 */
	public ChatMessage {
		toolCalls = WireCopies.list(toolCalls);
		extras = WireCopies.extras(extras);
	}

	/**
	 * Create a {@code system} message.
	 * @param content the instructions
	 * @return the message
	 */
	public static ChatMessage system(String content) {
		return of(ROLE_SYSTEM, content);
	}

	/**
	 * Create a {@code developer} message.
	 * @param content the instructions
	 * @return the message
	 */
	public static ChatMessage developer(String content) {
		return of(ROLE_DEVELOPER, content);
	}

	/**
	 * Create a {@code user} message.
	 * @param content the text
	 * @return the message
	 */
	public static ChatMessage user(String content) {
		return of(ROLE_USER, content);
	}

	/**
	 * Create a {@code user} message made of parts, such as text and images.
	 * @param parts the parts, in order
	 * @return the message
	 */
	public static ChatMessage user(List<ContentPart> parts) {
		return new ChatMessage(ROLE_USER, MessageContent.parts(parts), null, null, null, null, null);
	}

	/**
	 * Create an {@code assistant} message, such as an earlier answer of the model.
	 * @param content the text
	 * @return the message
	 */
	public static ChatMessage assistant(String content) {
		return of(ROLE_ASSISTANT, content);
	}

	/**
	 * Create an {@code assistant} message that calls tools and has no content.
	 * @param toolCalls the calls
	 * @return the message
	 */
	public static ChatMessage assistant(List<ToolCall> toolCalls) {
		return new ChatMessage(ROLE_ASSISTANT, null, null, null, toolCalls, null, null);
	}

	/**
	 * Create a {@code tool} message that answers a tool call.
	 * @param toolCallId the id of the call it answers
	 * @param content the tool's result
	 * @return the message
	 */
	public static ChatMessage tool(String toolCallId, String content) {
		return new ChatMessage(ROLE_TOOL, text(content), null, toolCallId, null, null, null);
	}

	private static ChatMessage of(String role, String content) {
		return new ChatMessage(role, text(content), null, null, null, null, null);
	}

	private static MessageContent text(String content) {
		return (content != null) ? MessageContent.text(content) : null;
	}

	/**
	 * Return the content as plain text: the string, or the text parts joined with a new
	 * line.
	 * @return the text, or {@code null} when the message has none
	 */
	public String text() {
		return (this.content != null) ? this.content.asText() : null;
	}

}
