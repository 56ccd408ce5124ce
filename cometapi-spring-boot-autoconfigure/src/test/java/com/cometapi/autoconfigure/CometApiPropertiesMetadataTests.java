package com.cometapi.autoconfigure;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every property shows up in the generated configuration metadata with a description and
 * its default, so IDEs can help users. The defaults live in the client; the processor
 * cannot read them from there, so {@code additional-spring-configuration-metadata.json}
 * restates them and this test fails when the two differ.
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
				"cometapi.stream.idle-timeout", "cometapi.catalog.validate", "cometapi.observation.enabled",
				"cometapi.observation.health.affects-aggregate", "cometapi.observation.events.enabled",
				"cometapi.observation.events.poll-interval");
	}

	@Test
	void modelIdsHaveValueHintsFromADatedCatalogSnapshot() throws Exception {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = new ObjectMapper().readTree(in);
		}
		List<String> hinted = new ArrayList<>();
		for (JsonNode hint : metadata.get("hints")) {
			List<String> values = new ArrayList<>();
			hint.get("values").forEach((value) -> {
				values.add(value.get("value").asText());
				assertThat(value.get("description").asText()).contains("snapshot of 2026-12-02");
			});
			assertThat(values).as(hint.get("name").asText()).contains("gpt-4o-mini", "claude-sonnet-4-5", "gpt-4o");
			assertThat(hint.get("providers").get(0).get("name").asText()).isEqualTo("any");
			hinted.add(hint.get("name").asText());
		}
		assertThat(hinted).contains("cometapi.models", "cometapi.routes.values.models",
				"cometapi.concurrency.models.keys");
	}

	@Test
	void everyDefaultOfThePropertiesIsInTheMetadata() throws Exception {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = new ObjectMapper().readTree(in);
		}
		BeanWrapper defaults = new BeanWrapperImpl(new CometApiProperties());
		List<String> wrong = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asText();
			if (!name.startsWith("cometapi.")) {
				continue;
			}
			String path = CometApiPropertiesDefaultsTests.camelCase(name.substring("cometapi.".length()));
			if (!defaults.isReadableProperty(path)) {
				continue;
			}
			Object value = defaults.getPropertyValue(path);
			if (value == null || value instanceof Collection<?> || value instanceof Map<?, ?>) {
				continue;
			}
			JsonNode documented = property.get("defaultValue");
			if (documented == null || !sameValue(value, documented.asText())) {
				wrong.add(name + ": metadata " + documented + ", properties " + value);
			}
		}
		assertThat(wrong).isEmpty();
	}

	private static boolean sameValue(Object value, String documented) {
		if (value instanceof Duration duration) {
			return DurationStyle.detectAndParse(documented).equals(duration);
		}
		if (value instanceof DataSize size) {
			return DataSize.parse(documented).equals(size);
		}
		if (value instanceof Number number) {
			return Double.parseDouble(documented) == number.doubleValue();
		}
		if (value instanceof Enum<?> constant) {
			return constant.name().replace('_', '-').equalsIgnoreCase(documented);
		}
		return String.valueOf(value).equals(documented);
	}

}
