package com.cometapi.client.wire;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import com.cometapi.client.observation.CometEmbeddingParameters;

/**
 * An embeddings request ({@code POST /v1/embeddings}).
 *
 * @param model the embedding model
 * @param input what to embed: a {@code String}, a {@code List<String>}, or token arrays
 * ({@code List<List<Integer>>}); written as given
 * @param encodingFormat {@code float} or {@code null}; this client reads embeddings as
 * float lists
 * @param dimensions the size of the vectors, for models that can shorten them
 * @param user an id of the end user
 * @param extras fields this type does not name, sent flat; never {@code null}
 * @author CometAPI team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddingRequest(@JsonProperty("model") String model, @JsonProperty("input") Object input,
		@JsonProperty("encoding_format") String encodingFormat, @JsonProperty("dimensions") Integer dimensions,
		@JsonProperty("user") String user,
		@CometJson.Extras Map<String, Object> extras) implements CometEmbeddingParameters {

	/**
	 * Create a new instance.
	 */
	public EmbeddingRequest {
		input = (input instanceof List<?> list) ? WireCopies.list(list) : input;
		extras = WireCopies.extras(extras);
	}

	/**
	 * Create a request: one input is sent as a string, several as an array.
	 * @param model the embedding model
	 * @param inputs the texts to embed
	 * @return the request
	 */
	public static EmbeddingRequest of(String model, String... inputs) {
		Object input = (inputs != null && inputs.length == 1) ? inputs[0]
				: (inputs != null) ? Arrays.asList(inputs) : null;
		return new EmbeddingRequest(model, input, null, null, null, null);
	}

	/**
	 * Start building a request.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A fluent builder of {@link EmbeddingRequest}. Not thread-safe.
	 */
	public static final class Builder {

		private String model;

		private Object input;

		private String encodingFormat;

		private Integer dimensions;

		private String user;

		private final Map<String, Object> extras = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Set the embedding model.
		 * @param model the model
		 * @return this builder
		 */
		public Builder model(String model) {
			this.model = model;
			return this;
		}

		/**
		 * Set one text to embed.
		 * @param input the text
		 * @return this builder
		 */
		public Builder input(String input) {
			this.input = input;
			return this;
		}

		/**
		 * Set several texts to embed.
		 * @param inputs the texts
		 * @return this builder
		 */
		public Builder input(List<String> inputs) {
			this.input = inputs;
			return this;
		}

		/**
		 * Set token arrays to embed.
		 * @param tokens one list of token ids per input
		 * @return this builder
		 */
		public Builder tokens(List<List<Integer>> tokens) {
			this.input = tokens;
			return this;
		}

		/**
		 * Set the encoding format.
		 * @param encodingFormat {@code float}
		 * @return this builder
		 */
		public Builder encodingFormat(String encodingFormat) {
			this.encodingFormat = encodingFormat;
			return this;
		}

		/**
		 * Set the size of the vectors.
		 * @param dimensions at least 1
		 * @return this builder
		 */
		public Builder dimensions(Integer dimensions) {
			this.dimensions = dimensions;
			return this;
		}

		/**
		 * Set the id of the end user.
		 * @param user the id
		 * @return this builder
		 */
		public Builder user(String user) {
			this.user = user;
			return this;
		}

		/**
		 * Add a field this type does not name; it is sent flat, next to the named ones.
		 * @param name the JSON field name
		 * @param value the value
		 * @return this builder
		 */
		public Builder extra(String name, Object value) {
			this.extras.put(name, value);
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 */
		public EmbeddingRequest build() {
			return new EmbeddingRequest(this.model, this.input, this.encodingFormat, this.dimensions, this.user,
					this.extras);
		}

	}

}
