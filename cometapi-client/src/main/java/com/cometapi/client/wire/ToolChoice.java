package com.cometapi.client.wire;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * Which tool the model may or must call. On the wire {@code "none"}, {@code "auto"},
 * {@code "required"}, or {@code {"type":"function","function":{"name":"..."}}} to force
 * one function.
 *
 * @param mode {@value #NONE}, {@value #AUTO}, {@value #REQUIRED} or {@value #FUNCTION}
 * @param functionName the function the model must call, for {@value #FUNCTION}
 * @author CometAPI team
 */
@JsonSerialize(using = ToolChoice.Serializer.class)
@JsonDeserialize(using = ToolChoice.Deserializer.class)
public record ToolChoice(String mode, String functionName) {

	/**
	 * Mode in which the model calls no tool.
	 */
	public static final String NONE = "none";

	/**
	 * Mode in which the model decides whether to call tools.
	 */
	public static final String AUTO = "auto";

	/**
	 * Mode in which the model must call at least one tool.
	 */
	public static final String REQUIRED = "required";

	/**
	 * Mode in which the model must call the named function.
	 */
	public static final String FUNCTION = "function";

	/**
	 * The model calls no tool.
	 * @return the choice
	 */
	public static ToolChoice none() {
		return new ToolChoice(NONE, null);
	}

	/**
	 * The model decides whether to call tools.
	 * @return the choice
	 */
	public static ToolChoice auto() {
		return new ToolChoice(AUTO, null);
	}

	/**
	 * The model must call at least one tool.
	 * @return the choice
	 */
	public static ToolChoice required() {
		return new ToolChoice(REQUIRED, null);
	}

	/**
	 * The model must call the named function.
	 * @param name the function name
	 * @return the choice
	 */
	public static ToolChoice function(String name) {
		return new ToolChoice(FUNCTION, name);
	}

	/**
	 * Writes a {@link ToolChoice} as a string, or as an object when it names a function.
	 */
	static final class Serializer extends JsonSerializer<ToolChoice> {

		@Override
		public void serialize(ToolChoice value, JsonGenerator generator, SerializerProvider provider)
				throws IOException {
			if (value.functionName() == null && !FUNCTION.equals(value.mode())) {
				generator.writeString(value.mode());
				return;
			}
			generator.writeStartObject();
			generator.writeStringField("type", (value.mode() != null) ? value.mode() : FUNCTION);
			generator.writeObjectFieldStart("function");
			if (value.functionName() != null) {
				generator.writeStringField("name", value.functionName());
			}
			generator.writeEndObject();
			generator.writeEndObject();
		}

	}

	/**
	 * Reads a {@link ToolChoice} from a string or an object.
	 */
	static final class Deserializer extends JsonDeserializer<ToolChoice> {

		@Override
		public ToolChoice deserialize(JsonParser parser, DeserializationContext context) throws IOException {
			if (parser.currentToken() == JsonToken.VALUE_STRING) {
				return new ToolChoice(parser.getText(), null);
			}
			if (parser.currentToken() == JsonToken.START_OBJECT) {
				JsonNode node = context.readTree(parser);
				String type = node.path("type").asText(FUNCTION);
				JsonNode name = node.path("function").path("name");
				return new ToolChoice(type, name.isTextual() ? name.asText() : null);
			}
			return (ToolChoice) context.handleUnexpectedToken(ToolChoice.class, parser);
		}

	}

}
