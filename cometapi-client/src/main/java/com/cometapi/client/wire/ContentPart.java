package com.cometapi.client.wire;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One part of a message's content: a piece of text or an image.
 *
 * @param type the part type, such as {@value #TYPE_TEXT} or {@value #TYPE_IMAGE_URL}
 * @param text the text of a text part
 * @param imageUrl the image of an image part
 * @param extras fields this type does not name, kept as read
 * @author CometAPI team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContentPart(@JsonProperty("type") String type, @JsonProperty("text") String text,
		@JsonProperty("image_url") ImageUrl imageUrl, @CometJson.Extras Map<String, Object> extras) {

	/**
	 * Type of a text part.
	 */
	public static final String TYPE_TEXT = "text";

	/**
	 * Type of an image part.
	 */
	public static final String TYPE_IMAGE_URL = "image_url";

	/**
	 * Create a new instance.
	 */
	public ContentPart {
		extras = WireCopies.extras(extras);
	}

	/**
	 * Create a text part.
	 * @param text the text
	 * @return the part
	 */
	public static ContentPart text(String text) {
		return new ContentPart(TYPE_TEXT, text, null, null);
	}

	/**
	 * Create an image part.
	 * @param url the image URL or a {@code data:} URL
	 * @return the part
	 */
	public static ContentPart imageUrl(String url) {
		return imageUrl(url, null);
	}

	/**
	 * Create an image part with a detail level.
	 * @param url the image URL or a {@code data:} URL
	 * @param detail {@code low}, {@code high} or {@code auto}; {@code null} for the
	 * default
	 * @return the part
	 */
	public static ContentPart imageUrl(String url, String detail) {
		return new ContentPart(TYPE_IMAGE_URL, null, new ImageUrl(url, detail), null);
	}

	/**
	 * The image of an image part.
	 *
	 * @param url the image URL or a {@code data:} URL
	 * @param detail {@code low}, {@code high} or {@code auto}, or {@code null}
	 * @param extras fields this type does not name, kept as read
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ImageUrl(@JsonProperty("url") String url, @JsonProperty("detail") String detail,
			@CometJson.Extras Map<String, Object> extras) {

		/**
		 * Create a new instance.
		 */
		public ImageUrl {
			extras = WireCopies.extras(extras);
		}

		/**
		 * Create a new instance with no extras.
		 * @param url the image URL or a {@code data:} URL
		 * @param detail {@code low}, {@code high} or {@code auto}, or {@code null}
		 */
		public ImageUrl(String url, String detail) {
			this(url, detail, null);
		}

	}

}
