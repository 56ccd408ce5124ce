package com.cometapi.client.wire;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for writing {@link EmbeddingRequest} and reading {@link EmbeddingResponse}.
 */
class EmbeddingJsonTests {

	private final ObjectMapper mapper = CometJson.newObjectMapper();

	@Test
	void writesOneInputAsString() throws Exception {
		assertThat(this.mapper.writeValueAsString(EmbeddingRequest.of("text-embedding-3-small", "hello")))
			.isEqualTo("{\"model\":\"text-embedding-3-small\",\"input\":\"hello\"}");
	}

	@Test
	void writesSeveralInputsAsArray() throws Exception {
		assertThat(this.mapper.writeValueAsString(EmbeddingRequest.of("m", "a", "b")))
			.isEqualTo("{\"model\":\"m\",\"input\":[\"a\",\"b\"]}");
	}

	@Test
	void writesTokenArraysAndOptionsAsGiven() throws Exception {
		EmbeddingRequest request = EmbeddingRequest.builder()
			.model("m")
			.tokens(List.of(List.of(1, 2), List.of(3)))
			.encodingFormat("float")
			.dimensions(256)
			.user("u")
			.extra("custom", true)
			.build();
		assertThat(this.mapper.writeValueAsString(request)).isEqualTo(
				"{\"model\":\"m\",\"input\":[[1,2],[3]],\"encoding_format\":\"float\",\"dimensions\":256,\"user\":\"u\",\"custom\":true}");
	}

	@Test
	void readsEmbeddingResponseAndKeepsUnknownFields() throws Exception {
		String json = """
				{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.0023,-0.0091,0.5]}],
				 "model":"text-embedding-3-small","usage":{"prompt_tokens":5,"total_tokens":5},"provider":"openai"}""";
		EmbeddingResponse response = this.mapper.readValue(json, EmbeddingResponse.class);
		assertThat(response.data()).hasSize(1);
		assertThat(response.data().get(0).embedding()).containsExactly(0.0023, -0.0091, 0.5);
		assertThat(response.usage().promptTokens()).isEqualTo(5);
		assertThat(response.extras()).containsEntry("provider", "openai");
		assertThat(response.callResult()).isNull();
		EmbeddingResponse copy = response.withCallResult(new CallResult(null, "m", "m", null, 1, null, null, null));
		String written = this.mapper.writeValueAsString(copy);
		assertThat(written).contains("\"provider\":\"openai\"").doesNotContain("callResult");
		assertThat(this.mapper.readValue(written, EmbeddingResponse.class)).isEqualTo(response);
	}

	@Test
	void readsModelListAndItsIds() throws Exception {
		String json = """
				{"object":"list","data":[
				 {"id":"gpt-5.4-mini","object":"model","created":1782300000,"owned_by":"openai","supported_endpoint_types":["openai"]},
				 {"id":"claude-sonnet-4-5","object":"model","created":1782300001,"owned_by":"custom"}],"success":true}""";
		ModelList models = this.mapper.readValue(json, ModelList.class);
		assertThat(models.ids()).containsExactly("gpt-5.4-mini", "claude-sonnet-4-5");
		assertThat(models.data().get(0).ownedBy()).isEqualTo("openai");
		assertThat(models.data().get(0).extras()).containsKey("supported_endpoint_types");
		assertThat(models.extras()).containsEntry("success", true);
		assertThat(this.mapper.readValue(this.mapper.writeValueAsString(models), ModelList.class)).isEqualTo(models);
		assertThat(new ModelList("list", null, null).ids()).isEmpty();
	}

}
