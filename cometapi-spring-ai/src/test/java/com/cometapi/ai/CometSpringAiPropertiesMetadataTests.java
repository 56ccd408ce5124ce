package com.cometapi.ai;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defaults that {@link CometSpringAiProperties} reads from the bridge's classes are
 * restated in {@code additional-spring-configuration-metadata.json} for IDEs; this test
 * fails when the two differ.
 */
class CometSpringAiPropertiesMetadataTests {

	@Test
	void metadataStatesTheDefaultsOfTheProperties() throws Exception {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = new ObjectMapper().readTree(in);
		}
		Map<String, String> defaults = new HashMap<>();
		for (JsonNode property : metadata.get("properties")) {
			if (property.has("defaultValue")) {
				defaults.put(property.get("name").asText(), property.get("defaultValue").asText());
			}
		}
		CometSpringAiProperties properties = new CometSpringAiProperties();
		assertThat(defaults)
			.containsEntry("cometapi.spring-ai.chat.max-tool-rounds",
					String.valueOf(properties.getChat().getMaxToolRounds()))
			.containsEntry("cometapi.spring-ai.chat.max-tool-calls-per-answer",
					String.valueOf(properties.getChat().getMaxToolCallsPerAnswer()))
			.containsEntry("cometapi.spring-ai.embedding.model", properties.getEmbedding().getModel());
	}

}
