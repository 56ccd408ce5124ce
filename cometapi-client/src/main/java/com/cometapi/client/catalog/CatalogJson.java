package com.cometapi.client.catalog;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The catalog's records read and write unknown fields as the client's wire types do
 * ({@code CometJson.Extras}), without the catalog depending on the client's package.
 *
 * @author CometAPI team
 */
final class CatalogJson {

	private CatalogJson() {
	}

	/**
	 * Marks the {@code Map<String, Object> extras} component of a catalog record: fields
	 * the record does not name are read into it and written back, flat.
	 */
	@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
	@Retention(RetentionPolicy.RUNTIME)
	@JacksonAnnotationsInside
	@JsonAnyGetter
	@JsonAnySetter
	@JsonInclude(content = JsonInclude.Include.ALWAYS)
	@interface Extras {

	}

}
