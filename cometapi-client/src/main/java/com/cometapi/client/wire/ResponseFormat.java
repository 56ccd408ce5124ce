package com.cometapi.client.wire;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The format the model must answer in: plain text, any JSON object, or JSON that follows
 * a schema.
 *
 * @param type {@value #TYPE_TEXT}, {@value #TYPE_JSON_OBJECT} or
 * {@value #TYPE_JSON_SCHEMA}
 * @param jsonSchema the schema, for {@value #TYPE_JSON_SCHEMA}
 * @param extras fields this type does not name, kept as read
 * @author CometAPI team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseFormat(@JsonProperty("type") String type, @JsonProperty("json_schema") JsonSchema jsonSchema,
		@CometJson.Extras Map<String, Object> extras) {

	/**
	 * Type of plain-text answers.
	 */
	public static final String TYPE_TEXT = "text";

	/**
	 * Type of answers that are any JSON object.
	 */
	public static final String TYPE_JSON_OBJECT = "json_object";

	/**
	 * Type of answers that follow a JSON schema.
	 */
	public static final String TYPE_JSON_SCHEMA = "json_schema";

	/**
	 * Create a new instance.
	 */
	public ResponseFormat {
		extras = WireCopies.extras(extras);
	}

	/**
	 * Ask for plain text.
	 * @return the format
	 */
	public static ResponseFormat text() {
		return new ResponseFormat(TYPE_TEXT, null, null);
	}

	/**
	 * Ask for any JSON object (the prompt should say so too).
	 * @return the format
	 */
	public static ResponseFormat jsonObject() {
		return new ResponseFormat(TYPE_JSON_OBJECT, null, null);
	}

	/**
	 * Ask for JSON that follows a schema.
	 * @param name the schema name: letters, digits, {@code _} and {@code -}
	 * @param schema the JSON schema
	 * @param strict whether the model must follow the schema exactly
	 * @return the format
	 */
	public static ResponseFormat jsonSchema(String name, Map<String, Object> schema, boolean strict) {
		return new ResponseFormat(TYPE_JSON_SCHEMA, new JsonSchema(name, null, schema, strict, null), null);
	}

	/**
	 * A named JSON schema the answer must follow.
	 *
	 * @param name the schema name
	 * @param description what the answer is, for the model
	 * @param schema the JSON schema
	 * @param strict whether the model must follow the schema exactly
	 * @param extras fields this type does not name, kept as read
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record JsonSchema(@JsonProperty("name") String name, @JsonProperty("description") String description,
			@JsonProperty("schema") Map<String, Object> schema, @JsonProperty("strict") Boolean strict,
			@CometJson.Extras Map<String, Object> extras) {

		/**
		 * Create a new instance.
		 */
		public JsonSchema {
			schema = WireCopies.map(schema);
			extras = WireCopies.extras(extras);
		}

	}

}
