package com.cometapi.ai;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.error.CometAuthenticationException;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static com.cometapi.ai.ChatFixtures.COST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests of {@link CometEmbeddingModel} against the mock server.
 */
class CometEmbeddingModelTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	@Test
	void embedsTexts() {
		try (CometTemplate template = ChatFixtures.template(mock).build()) {
			CometEmbeddingModel model = new CometEmbeddingModel(template, "text-embedding-3-small", null);
			List<float[]> vectors = model.embed(List.of("one", "two"));
			assertThat(vectors).hasSize(2);
			assertThat(vectors.get(0)).isNotEmpty();
			assertThat(mock.server().requestCount("text-embedding-3-small")).isEqualTo(1);
		}
	}

	@Test
	void metadataCarriesServedModelRequestIdAndCost() {
		try (CometTemplate template = ChatFixtures.template(mock).build()) {
			CometEmbeddingModel model = new CometEmbeddingModel(template, "text-embedding-3-small", null);
			EmbeddingResponse response = model.call(new EmbeddingRequest(List.of("one"),
					EmbeddingOptions.builder().model("text-embedding-3-large").dimensions(256).build()));
			assertThat(response.getResults()).hasSize(1);
			assertThat(response.getMetadata().getModel()).isEqualTo("text-embedding-3-large");
			assertThat((String) response.getMetadata().get(CometMetadata.REQUEST_ID))
				.isEqualTo(mock.server().requests("text-embedding-3-large").get(0).requestId());
			assertThat((BigDecimal) response.getMetadata().get(CometMetadata.ESTIMATED_COST)).isEqualTo(COST);
			assertThat(mock.server().requests("text-embedding-3-large").get(0).json().get("dimensions").asInt())
				.isEqualTo(256);
		}
	}

	@Test
	void unauthorizedFailsAtOnce() {
		mock.server().anyModel().respond(MockResponse.unauthorized());
		try (CometTemplate template = ChatFixtures.template(mock).build()) {
			CometEmbeddingModel model = new CometEmbeddingModel(template, "text-embedding-3-small", null);
			assertThat(catchThrowable(() -> model.embed("one"))).isInstanceOf(CometAuthenticationException.class);
			assertThat(mock.server().requestCount()).isEqualTo(1);
		}
	}

}
