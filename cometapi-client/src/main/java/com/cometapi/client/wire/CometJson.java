package com.cometapi.client.wire;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON settings of the CometAPI wire format.
 * <p>
 * The client reads and writes with its own {@link ObjectMapper}, never with the
 * application's, so {@code spring.jackson.*} settings cannot change what goes over the
 * wire. The wire types name every field with an explicit {@code @JsonProperty}, keep
 * unknown fields in an {@code extras} map, and leave {@code null} fields out.
 *
 * @author CometAPI team
 */
public final class CometJson {

	private CometJson() {
	}

	/**
	 * Create a new {@link ObjectMapper} for the CometAPI wire format: no naming strategy,
	 * unknown properties ignored (the wire types keep them in {@code extras}),
	 * {@code null} fields not written, floating-point numbers in untyped values read as
	 * {@link java.math.BigDecimal}, and no modules found on the class path.
	 * @return a new mapper, not shared with anything else
	 */
	public static ObjectMapper newObjectMapper() {
		return JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.defaultPropertyInclusion(
					JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
			.build();
	}

	/**
	 * Marks the {@code Map<String, Object> extras} component of a wire record: fields the
	 * record does not name are read into it and written back, flat, next to the named
	 * ones (explicit {@code null} values included).
	 * <p>
	 * Put it on a record component; it works through the canonical constructor
	 * (jackson-databind 2.18 or later).
	 */
	@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
	@Retention(RetentionPolicy.RUNTIME)
	@JacksonAnnotationsInside
	@JsonAnyGetter
	@JsonAnySetter
	@JsonInclude(content = JsonInclude.Include.ALWAYS)
	public @interface Extras {

	}

}
