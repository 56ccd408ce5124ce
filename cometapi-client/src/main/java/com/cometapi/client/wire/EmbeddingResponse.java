package com.cometapi.client.wire;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of an embeddings call, plus how the client got it.
 *
 * @param object {@code list}
 * @param data one embedding per input, or {@code null}
 * @param model the model that answered
 * @param usage the tokens the call used ({@code prompt_tokens} and {@code total_tokens})
 * @param extras fields this type does not name, kept as read
 * @param callResult how the client got the answer; never on the wire, {@code null} when
 * read from JSON
 * @author CometAPI team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddingResponse(@JsonProperty("object") String object, @JsonProperty("data") List<Embedding> data,
		@JsonProperty("model") String model, @JsonProperty("usage") Usage usage,
		@CometJson.Extras Map<String, Object> extras, @JsonIgnore CallResult callResult) {

	/**
	 * Create a new instance.
	 */
	public EmbeddingResponse {
		data = WireCopies.list(data);
		extras = WireCopies.extras(extras);
	}

	/**
	 * Return a copy that carries how the client got it.
	 * @param callResult the call's metadata
	 * @return the copy
	 */
	public EmbeddingResponse withCallResult(CallResult callResult) {
		return new EmbeddingResponse(this.object, this.data, this.model, this.usage, this.extras, callResult);
	}

	/**
	 * The embedding of one input.
	 *
	 * @param object {@code embedding}
	 * @param index the position of the input it embeds
	 * @param embedding the vector
	 * @param extras fields this type does not name, kept as read
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Embedding(@JsonProperty("object") String object, @JsonProperty("index") Integer index,
			@JsonProperty("embedding") List<Double> embedding, @CometJson.Extras Map<String, Object> extras) {

		/**
		 * Create a new instance.
		 */
		public Embedding {
			embedding = WireCopies.list(embedding);
			extras = WireCopies.extras(extras);
		}

	}

}
