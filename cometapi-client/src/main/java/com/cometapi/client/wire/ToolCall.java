package com.cometapi.client.wire;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A call of a tool (function) that the model asks for, carried by an assistant message.
 * In stream deltas the call arrives in pieces that share an {@code index}.
 *
 * @param index the position of the call in a stream delta, {@code null} elsewhere
 * @param id the id that the {@code tool} message answering the call refers to
 * @param type the call type, {@code function}
 * @param function the function and its arguments
 * @param extras fields this type does not name, kept as read
 * @author CometAPI team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCall(@JsonProperty("index") Integer index, @JsonProperty("id") String id,
		@JsonProperty("type") String type, @JsonProperty("function") FunctionCall function,
		@CometJson.Extras Map<String, Object> extras) {

	/**
	 * Create a new instance.
	 */
	public ToolCall {
		extras = WireCopies.extras(extras);
	}

	/**
	 * Create a function call, as an assistant message carries it.
	 * @param id the call id
	 * @param name the function name
	 * @param arguments the arguments, a JSON object as a string
	 * @return the call
	 */
	public static ToolCall function(String id, String name, String arguments) {
		return new ToolCall(null, id, "function", new FunctionCall(name, arguments), null);
	}

	/**
	 * The function a tool call names.
	 *
	 * @param name the function name
	 * @param arguments the arguments, a JSON object as a string (in stream deltas, a
	 * piece of it)
	 * @param extras fields this type does not name, kept as read
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record FunctionCall(@JsonProperty("name") String name, @JsonProperty("arguments") String arguments,
			@CometJson.Extras Map<String, Object> extras) {

		/**
		 * Create a new instance.
		 */
		public FunctionCall {
			extras = WireCopies.extras(extras);
		}

		/**
		 * Create a new instance with no extras.
		 * @param name the function name
		 * @param arguments the arguments, a JSON object as a string
		 */
		public FunctionCall(String name, String arguments) {
			this(name, arguments, null);
		}

	}

}
