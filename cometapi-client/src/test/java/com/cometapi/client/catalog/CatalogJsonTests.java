package com.cometapi.client.catalog;

import java.math.BigDecimal;
import java.util.List;

import com.cometapi.client.wire.CometJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for reading the CometAPI catalog ({@code GET /api/models}).
 */
class CatalogJsonTests {

	private static final String CATALOG = """
			{
			  "success": true,
			  "page": 0,
			  "page_size": 0,
			  "total": 3,
			  "data": [
			    {"id": "gpt-5.4-mini", "provider": "OpenAI", "model_type": "chat", "features": ["tools", "vision"],
			     "pricing": {"currency": "USD / M Tokens", "input": 0.12, "output": 0.96, "per_request": null, "per_second": null,
			       "cache_read": 0.012},
			     "api_doc_url": "https://apidoc.cometapi.com/chat", "tags": ["new"]},
			    {"id": "sora-2", "provider": "OpenAI", "model_type": "video", "features": [],
			     "pricing": {"currency": "USD / M Tokens", "input": null, "output": null, "per_request": null, "per_second": 0.08},
			     "api_doc_url": null},
			    {"id": "mystery", "provider": "Other", "model_type": "chat", "features": null, "pricing": null}
			  ],
			  "message": ""
			}
			""";

	private final ObjectMapper mapper = CometJson.newObjectMapper();

	@Test
	void readsCatalogWithNullPricesAndUnknownFields() throws Exception {
		CatalogResponse catalog = this.mapper.readValue(CATALOG, CatalogResponse.class);
		assertThat(catalog.success()).isTrue();
		assertThat(catalog.page()).isZero();
		assertThat(catalog.pageSize()).isZero();
		assertThat(catalog.total()).isEqualTo(3);
		assertThat(catalog.extras()).containsEntry("message", "");
		CatalogModel mini = catalog.data().get(0);
		assertThat(mini.modelType()).isEqualTo("chat");
		assertThat(mini.features()).containsExactly("tools", "vision");
		assertThat(mini.apiDocUrl()).isEqualTo("https://apidoc.cometapi.com/chat");
		assertThat(mini.extras()).containsEntry("tags", List.of("new"));
		assertThat(mini.pricing().input()).isEqualTo(new BigDecimal("0.12"));
		assertThat(mini.pricing().output()).isEqualTo(new BigDecimal("0.96"));
		assertThat(mini.pricing().perRequest()).isNull();
		assertThat(mini.pricing().extras()).containsEntry("cache_read", new BigDecimal("0.012"));
		ModelPricing sora = catalog.data().get(1).pricing();
		assertThat(sora.input()).isNull();
		assertThat(sora.perSecond()).isEqualTo(new BigDecimal("0.08"));
		assertThat(catalog.data().get(2).pricing()).isNull();
		assertThat(catalog.data().get(2).features()).isNull();
	}

	@Test
	void keepsUnknownFieldsThroughWriteAndRead() throws Exception {
		CatalogResponse catalog = this.mapper.readValue(CATALOG, CatalogResponse.class);
		String json = this.mapper.writeValueAsString(catalog);
		assertThat(json).contains("\"cache_read\":0.012").contains("\"tags\":[\"new\"]").contains("\"message\":\"\"");
		assertThat(this.mapper.readValue(json, CatalogResponse.class)).isEqualTo(catalog);
	}

}
