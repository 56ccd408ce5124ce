package com.cometapi.client.catalog;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One model of the CometAPI catalog.
 *
 * @param id the model id, as a request names it
 * @param provider the provider, such as {@code OpenAI}
 * @param modelType the kind of model, such as {@code chat} or {@code embedding}
 * @param features what the model can do, or {@code null}
 * @param pricing the model's prices, or {@code null}
 * @param apiDocUrl where the model's API is documented
 * @param extras fields this type does not name, kept as read
 * @author CometAPI team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogModel(@JsonProperty("id") String id, @JsonProperty("provider") String provider,
		@JsonProperty("model_type") String modelType, @JsonProperty("features") List<String> features,
		@JsonProperty("pricing") ModelPricing pricing, @JsonProperty("api_doc_url") String apiDocUrl,
		@CatalogJson.Extras Map<String, Object> extras) {

	/**
	 * Create a new instance.
	 */
	public CatalogModel {
		features = CatalogCopies.list(features);
		extras = CatalogCopies.extras(extras);
	}

}
