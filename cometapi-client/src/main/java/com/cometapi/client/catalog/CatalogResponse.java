package com.cometapi.client.catalog;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One page of the CometAPI model catalog ({@code GET /api/models}).
 *
 * @param success whether the catalog answered
 * @param page the page number; {@code 0} means the answer is not paginated
 * @param pageSize the size of a page
 * @param total how many models the catalog has
 * @param data the models, or {@code null}
 * @param extras fields this type does not name, kept as read
 * @author CometAPI team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogResponse(@JsonProperty("success") Boolean success, @JsonProperty("page") Integer page,
		@JsonProperty("page_size") Integer pageSize, @JsonProperty("total") Integer total,
		@JsonProperty("data") List<CatalogModel> data, @CatalogJson.Extras Map<String, Object> extras) {

	/**
	 * Create a new instance.
	 */
	public CatalogResponse {
		data = CatalogCopies.list(data);
		extras = CatalogCopies.extras(extras);
	}

}
