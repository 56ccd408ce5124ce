package com.cometapi.client.wire;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * The {@code content} of a chat message: on the wire either a JSON string or an array of
 * {@link ContentPart parts} (text, images).
 *
 * @author CometAPI team
 * @see ChatMessage#text()
 */
@JsonSerialize(using = MessageContent.Serializer.class)
@JsonDeserialize(using = MessageContent.Deserializer.class)
public sealed interface MessageContent permits MessageContent.Text, MessageContent.Parts {

	/**
	 * Create content that is a plain string.
	 * @param text the text
	 * @return the content
	 */
	static MessageContent text(String text) {
		return new Text(text);
	}

	/**
	 * Create content made of parts.
	 * @param parts the parts, in order
	 * @return the content
	 */
	static MessageContent parts(List<ContentPart> parts) {
		return new Parts(parts);
	}

	/**
	 * Return the content as plain text: the string itself, or the text of the text parts
	 * joined with a new line.
	 * @return the text, or {@code null} when there is none
	 */
	String asText();

	/**
	 * Content that is a plain string.
	 *
	 * @param text the text, never {@code null}
	 */
	record Text(String text) implements MessageContent {

		/**
		 * Create a new instance.
		 */
		public Text {
			Objects.requireNonNull(text, "'text' must not be null");
		}

		@Override
		public String asText() {
			return this.text;
		}

	}

	/**
	 * Content made of parts.
	 *
	 * @param parts the parts, in order, never {@code null}
	 */
	record Parts(List<ContentPart> parts) implements MessageContent {

		/**
		 * Create a new instance.
		 */
		public Parts {
			parts = (parts != null) ? WireCopies.list(parts) : List.of();
		}

		@Override
		public String asText() {
			List<String> texts = this.parts.stream()
				.filter((part) -> part != null && part.text() != null)
				.map(ContentPart::text)
				.toList();
			return texts.isEmpty() ? null : texts.stream().collect(Collectors.joining("\n"));
		}

	}

	/**
	 * Writes {@link MessageContent} as a JSON string or array.
	 */
	final class Serializer extends JsonSerializer<MessageContent> {

		@Override
		public void serialize(MessageContent value, JsonGenerator generator, SerializerProvider provider)
				throws IOException {
			if (value instanceof Text text) {
				generator.writeString(text.text());
				return;
			}
			JavaType type = provider.getTypeFactory().constructCollectionType(List.class, ContentPart.class);
			provider.findValueSerializer(type).serialize(((Parts) value).parts(), generator, provider);
		}

	}

	/**
	 * Reads {@link MessageContent} from a JSON string or array.
	 */
	final class Deserializer extends JsonDeserializer<MessageContent> {

		@Override
		public MessageContent deserialize(JsonParser parser, DeserializationContext context) throws IOException {
			if (parser.currentToken() == JsonToken.VALUE_STRING) {
				return new Text(parser.getText());
			}
			if (parser.currentToken() == JsonToken.START_ARRAY) {
				JavaType type = context.getTypeFactory().constructCollectionType(List.class, ContentPart.class);
				List<ContentPart> parts = context.readValue(parser, type);
				return new Parts(parts);
			}
			return (MessageContent) context.handleUnexpectedToken(MessageContent.class, parser);
		}

	}

}
