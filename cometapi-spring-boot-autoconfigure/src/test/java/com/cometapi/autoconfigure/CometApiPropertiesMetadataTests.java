package com.cometapi.autoconfigure;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every property shows up in the generated configuration metadata with a description, so
 * IDEs can help users.
 */
class CometApiPropertiesMetadataTests {

	@Test
	void everyPropertyHasADescription() throws Exception {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = new ObjectMapper().readTree(in);
		}
		List<String> names = new ArrayList<>();
		List<String> undocumented = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asText();
			names.add(name);
			if (!property.hasNonNull("description") || property.get("description").asText().isBlank()) {
				undocumented.add(name);
			}
		}
		assertThat(undocumented).isEmpty();
		assertThat(names).contains("cometapi.api-key", "cometapi.base-url", "cometapi.connect-timeout",
				"cometapi.response-timeout", "cometapi.timeout", "cometapi.models", "cometapi.routes",
				"cometapi.retry.max-attempts", "cometapi.retry.jitter", "cometapi.retry.budget.ratio",
				"cometapi.fallback.cooldown.duration", "cometapi.concurrency.max-in-flight",
				"cometapi.stream.idle-timeout", "cometapi.catalog.validate", "cometapi.observation.enabled");
	}

}
