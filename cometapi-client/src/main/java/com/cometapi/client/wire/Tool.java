package com.cometapi.client.wire;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A tool the model may call: a function described by a JSON schema.
 *
 * @param type the tool type, {@code function}
 * @param function the function
 * @param extras fields this type does not name, kept as read
 * @author CometAPI team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tool(@JsonProperty("type") String type, @JsonProperty("function") FunctionDefinition function,
		@CometJson.Extras Map<String, Object> extras) {

	/**
	 * Create a new instance.
	 */
	public Tool {
		extras = WireCopies.extras(extras);
	}

	/**
	 * Create a function tool.
	 * @param name the function name: letters, digits, {@code _} and {@code -}, at most 64
	 * @param description what the function does, for the model to decide when to call it
	 * @param parameters the JSON schema of the arguments, or {@code null} for none
	 * @return the tool
	 */
	public static Tool function(String name, String description, Map<String, Object> parameters) {
		return new Tool("function", new FunctionDefinition(name, description, parameters, null, null), null);
	}

	/**
	 * A function the model may call.
	 *
	 * @param name the function name: letters, digits, {@code _} and {@code -}, at most 64
	 * @param description what the function does
	 * @param parameters the JSON schema of the arguments
	 * @param strict whether the model must follow the schema exactly
	 * @param extras fields this type does not name, kept as read
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record FunctionDefinition(@JsonProperty("name") String name, @JsonProperty("description") String description,
			@JsonProperty("parameters") Map<String, Object> parameters, @JsonProperty("strict") Boolean strict,
			@CometJson.Extras Map<String, Object> extras) {

		/**
		 * Create a new instance.
		 */
		public FunctionDefinition {
			parameters = WireCopies.map(parameters);
			extras = WireCopies.extras(extras);
		}

	}

}
