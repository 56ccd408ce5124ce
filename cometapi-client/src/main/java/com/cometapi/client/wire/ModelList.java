package com.cometapi.client.wire;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The models the API key may call ({@code GET /v1/models}).
 *
 * @param object {@code list}
 * @param data the models, or {@code null}
 * @param extras fields this type does not name, kept as read
 * @author CometAPI team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelList(@JsonProperty("object") String object, @JsonProperty("data") List<ModelInfo> data,
		@CometJson.Extras Map<String, Object> extras) {

	/**
	 * Create a new instance.
	 */
	public ModelList {
		data = WireCopies.list(data);
		extras = WireCopies.extras(extras);
	}

	/**
	 * Return the ids of the models, in order.
	 * @return the ids, empty when there are none
	 */
	public List<String> ids() {
		return (this.data != null)
				? this.data.stream().filter(Objects::nonNull).map(ModelInfo::id).filter(Objects::nonNull).toList()
				: List.of();
	}

	/**
	 * One model.
	 *
	 * @param id the model id, as a request names it
	 * @param object {@code model}
	 * @param created when the model was added, in seconds since the epoch
	 * @param ownedBy the owner, such as {@code openai} or {@code custom}
	 * @param extras fields this type does not name, kept as read
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ModelInfo(@JsonProperty("id") String id, @JsonProperty("object") String object,
			@JsonProperty("created") Long created, @JsonProperty("owned_by") String ownedBy,
			@CometJson.Extras Map<String, Object> extras) {

		/**
		 * Create a new instance.
		 */
		public ModelInfo {
			extras = WireCopies.extras(extras);
		}

	}

}
