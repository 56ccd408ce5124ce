package com.cometapi.autoconfigure;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

import com.cometapi.client.catalog.CatalogResponse;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.client.wire.ContentPart;
import com.cometapi.client.wire.EmbeddingRequest;
import com.cometapi.client.wire.EmbeddingResponse;
import com.cometapi.client.wire.ModelList;
import com.cometapi.client.wire.ToolChoice;

/**
 * {@link RuntimeHintsRegistrar} for GraalVM native images: the wire types that our own
 * Jackson {@code ObjectMapper} reads and writes by reflection (with everything they
 * reach, their custom serializers included, and the types those serializers bind by hand)
 * and the actuator endpoint's operations. The Redis script is a string constant and needs
 * no resource hint; Spring Boot registers the hints of the configuration properties,
 * auto-configurations and failure analyzers.
 *
 * @author CometAPI team
 */
class CometApiRuntimeHints implements RuntimeHintsRegistrar {

	private static final Class<?>[] WIRE_TYPES = { ChatRequest.class, ChatCompletion.class, ChatCompletionChunk.class,
			EmbeddingRequest.class, EmbeddingResponse.class, ModelList.class, CatalogResponse.class, ContentPart.class,
			ToolChoice.class };

	private static final String ENDPOINT_ANNOTATION = "org.springframework.boot.actuate.endpoint.annotation.Endpoint";

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		this.bindings.registerReflectionHints(hints.reflection(), WIRE_TYPES);
		if (ClassUtils.isPresent(ENDPOINT_ANNOTATION, classLoader)) {
			hints.reflection()
				.registerType(TypeReference.of("com.cometapi.autoconfigure.observation.CometApiEndpoint"),
						MemberCategory.INVOKE_PUBLIC_METHODS);
		}
	}

}
