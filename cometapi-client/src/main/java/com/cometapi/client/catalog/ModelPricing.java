package com.cometapi.client.catalog;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The prices of a catalog model, read exactly as {@link BigDecimal}. Any of them may be
 * {@code null}: a model priced per request has no token prices, and the other way round.
 *
 * @param currency the unit of the token prices, such as {@code USD / M Tokens}
 * @param input the price of a million prompt tokens
 * @param output the price of a million answer tokens
 * @param perRequest the price of one request
 * @param perSecond the price of one second (of generated audio or video)
 * @param extras fields this type does not name, kept as read
 * @author CometAPI team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelPricing(@JsonProperty("currency") String currency, @JsonProperty("input") BigDecimal input,
		@JsonProperty("output") BigDecimal output, @JsonProperty("per_request") BigDecimal perRequest,
		@JsonProperty("per_second") BigDecimal perSecond, @CatalogJson.Extras Map<String, Object> extras) {

	/**
	 * Create a new instance.
	 */
	public ModelPricing {
		extras = CatalogCopies.extras(extras);
	}

}
