package com.cometapi.client.wire;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Options of a streamed chat call.
 *
 * @param includeUsage whether the stream ends with a chunk that carries the token usage
 * @param extras fields this type does not name, kept as read
 * @author CometAPI team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage,
		@CometJson.Extras Map<String, Object> extras) {

	/**
	 * Create a new instance.
	 */
	public StreamOptions {
		extras = WireCopies.extras(extras);
	}

	/**
	 * Create a new instance with no extras.
	 * @param includeUsage whether the stream ends with a chunk that carries the token
	 * usage
	 */
	public StreamOptions(Boolean includeUsage) {
		this(includeUsage, null);
	}

}
