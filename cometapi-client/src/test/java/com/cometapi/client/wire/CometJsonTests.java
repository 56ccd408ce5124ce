package com.cometapi.client.wire;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CometJson}.
 */
class CometJsonTests {

	@Test
	void newObjectMapperReturnsAFreshMapperEachTime() {
		assertThat(CometJson.newObjectMapper()).isNotSameAs(CometJson.newObjectMapper());
	}

	@Test
	void keepsExplicitNullsOfUnknownFields() throws Exception {
		ObjectMapper mapper = CometJson.newObjectMapper();
		Usage usage = mapper.readValue("{\"prompt_tokens\":1,\"surprise\":null}", Usage.class);
		assertThat(usage.extras()).containsEntry("surprise", null);
		assertThat(mapper.writeValueAsString(usage)).isEqualTo("{\"prompt_tokens\":1,\"surprise\":null}");
	}

	@Test
	void wireFormatDoesNotDependOnTheMappersNamingStrategy() throws Exception {
		ObjectMapper camel = CometJson.newObjectMapper()
			.setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE);
		ChatRequest request = ChatRequest.builder().model("m").user("Hi").maxTokens(5).build();
		assertThat(camel.writeValueAsString(request))
			.isEqualTo(CometJson.newObjectMapper().writeValueAsString(request));
	}

	@Test
	void extrasAreImmutableCopiesThatKeepOrder() {
		Map<String, Object> extras = new LinkedHashMap<>();
		extras.put("b", 1);
		extras.put("a", null);
		Usage usage = new Usage(1, null, null, null, null, extras);
		extras.put("c", 3);
		assertThat(usage.extras()).containsExactly(Map.entry("b", 1), new AbstractMap.SimpleEntry<>("a", null));
		assertThat(new Usage(1, null, null, null, null, null).extras()).isEmpty();
	}

}
