package com.cometapi.test;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class CometApiMockServerTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final Http http = new Http(mock.server());

	@Test
	void listensOnLoopbackWithoutTrailingSlash() {
		assertThat(mock.server().baseUrl()).isEqualTo("http://127.0.0.1:" + mock.server().port());
		assertThat(mock.server().port()).isPositive();
	}

	@Test
	void answersChatWithRequestedModelUsageAndRequestId() throws Exception {
		HttpResponse<String> response = this.http.chat("gpt-4o");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("content-type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		String requestId = response.headers().firstValue("X-Oneapi-Request-Id").orElseThrow();
		assertThat(requestId).matches("[0-9]{23}[A-Za-z]{8}");
		JsonNode json = Http.json(response.body());
		assertThat(json.path("id").asText()).startsWith("chatcmpl-");
		assertThat(json.path("object").asText()).isEqualTo("chat.completion");
		assertThat(json.path("created").asLong()).isPositive();
		assertThat(json.path("model").asText()).isEqualTo("gpt-4o");
		assertThat(json.path("system_fingerprint").isTextual()).isTrue();
		JsonNode choice = json.path("choices").path(0);
		assertThat(choice.path("index").asInt()).isZero();
		assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
		assertThat(choice.path("message").path("content").asText()).isEqualTo("Hello from gpt-4o");
		assertThat(choice.path("message").has("refusal")).isTrue();
		assertThat(choice.path("logprobs").isNull()).isTrue();
		assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
		JsonNode usage = json.path("usage");
		assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(11);
		assertThat(usage.path("completion_tokens").asInt()).isEqualTo(7);
		assertThat(usage.path("total_tokens").asInt()).isEqualTo(18);
		assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asInt()).isZero();
		assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asInt()).isZero();
		assertThat(mock.server().requests()).singleElement()
			.satisfies((request) -> assertThat(request.requestId()).isEqualTo(requestId));
	}

	@Test
	void givesEveryRequestItsOwnRequestId() throws Exception {
		String first = this.http.chat("gpt-4o").headers().firstValue("X-Oneapi-Request-Id").orElseThrow();
		String second = this.http.get("/v1/models").headers().firstValue("X-Oneapi-Request-Id").orElseThrow();
		String third = this.http.get("/nowhere").headers().firstValue("X-Oneapi-Request-Id").orElseThrow();
		assertThat(List.of(first, second, third)).doesNotHaveDuplicates();
	}

	@Test
	void answersQueuedResponsesInOrderThenTheDefault() throws Exception {
		mock.server()
			.model("gpt-4o")
			.enqueue(MockResponse.ok("first"), MockResponse.serverError(), MockResponse.ok("third"))
			.respond(MockResponse.ok("default"));
		assertThat(content(this.http.chat("gpt-4o"))).isEqualTo("first");
		assertThat(this.http.chat("gpt-4o").statusCode()).isEqualTo(500);
		assertThat(content(this.http.chat("gpt-4o"))).isEqualTo("third");
		assertThat(content(this.http.chat("gpt-4o"))).isEqualTo("default");
		assertThat(content(this.http.chat("gpt-4o"))).isEqualTo("default");
		assertThat(mock.server().model("gpt-4o").queued()).isZero();
	}

	@Test
	void fallsBackToAnyModelWhenModelScriptHasNothing() throws Exception {
		mock.server().model("gpt-4o").enqueue(MockResponse.ok("scripted"));
		mock.server().anyModel().respond(MockResponse.unauthorized());
		assertThat(content(this.http.chat("gpt-4o"))).isEqualTo("scripted");
		assertThat(this.http.chat("gpt-4o").statusCode()).isEqualTo(401);
		assertThat(this.http.chat("claude-sonnet-4-5").statusCode()).isEqualTo(401);
	}

	@Test
	void scriptsApplyOnlyToTheirModel() throws Exception {
		mock.server().model("gpt-4o").respond(MockResponse.modelNotFound());
		assertThat(this.http.chat("gpt-4o").statusCode()).isEqualTo(404);
		assertThat(this.http.chat("gpt-4o-mini").statusCode()).isEqualTo(200);
	}

	@Test
	void resetClearsScriptsAndRecords() throws Exception {
		ModelScript script = mock.server().model("gpt-4o").respond(MockResponse.serverError());
		mock.server().anyModel().respond(MockResponse.serverError());
		mock.server().catalog("{\"data\":[]}");
		this.http.chat("gpt-4o");
		mock.server().reset();
		assertThat(mock.server().requests()).isEmpty();
		assertThat(mock.server().peakInFlight()).isZero();
		assertThat(this.http.chat("gpt-4o").statusCode()).isEqualTo(200);
		assertThat(Http.json(this.http.get("/api/models").body()).path("total").asInt()).isEqualTo(5);
		script.enqueue(MockResponse.badRequest());
		assertThat(this.http.chat("gpt-4o").statusCode()).isEqualTo(400);
	}

	@Test
	void appliesHeaderAndUsageModifiers() throws Exception {
		mock.server().anyModel().enqueue(MockResponse.ok("hi").usage(3, 4).header("X-Extra", "yes"));
		HttpResponse<String> response = this.http.chat("gpt-4o");
		assertThat(response.headers().firstValue("x-extra")).hasValue("yes");
		JsonNode usage = Http.json(response.body()).path("usage");
		assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(3);
		assertThat(usage.path("completion_tokens").asInt()).isEqualTo(4);
		assertThat(usage.path("total_tokens").asInt()).isEqualTo(7);
	}

	@Test
	void answersEmbeddingsWithOneVectorPerInput() throws Exception {
		HttpResponse<String> response = this.http.post("/v1/embeddings",
				"{\"model\":\"text-embedding-3-small\",\"input\":[\"a\",\"b\",\"c\"]}");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode json = Http.json(response.body());
		assertThat(json.path("object").asText()).isEqualTo("list");
		assertThat(json.path("model").asText()).isEqualTo("text-embedding-3-small");
		assertThat(json.path("data")).hasSize(3);
		for (int i = 0; i < 3; i++) {
			JsonNode item = json.path("data").path(i);
			assertThat(item.path("object").asText()).isEqualTo("embedding");
			assertThat(item.path("index").asInt()).isEqualTo(i);
			assertThat(item.path("embedding")).hasSize(8).allSatisfy((value) -> assertThat(value.isNumber()).isTrue());
		}
		assertThat(json.path("usage").path("prompt_tokens").asInt()).isEqualTo(11);
		assertThat(json.path("usage").path("total_tokens").asInt()).isEqualTo(11);
	}

	@Test
	void answersEmbeddingsForSingleStringInput() throws Exception {
		HttpResponse<String> response = this.http.post("/v1/embeddings",
				"{\"model\":\"text-embedding-3-small\",\"input\":\"hello\"}");
		assertThat(Http.json(response.body()).path("data")).hasSize(1);
	}

	@Test
	void scriptsEmbeddingsByModel() throws Exception {
		mock.server().model("text-embedding-3-small").enqueue(MockResponse.rateLimited());
		HttpResponse<String> response = this.http.post("/v1/embeddings",
				"{\"model\":\"text-embedding-3-small\",\"input\":\"hello\"}");
		assertThat(response.statusCode()).isEqualTo(429);
	}

	@Test
	void servesDefaultCatalogWithPricing() throws Exception {
		HttpResponse<String> response = this.http.get("/api/models");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode json = Http.json(response.body());
		assertThat(json.path("success").asBoolean()).isTrue();
		assertThat(json.path("page").asInt()).isZero();
		assertThat(json.path("page_size").asInt()).isZero();
		assertThat(json.path("total").asInt()).isEqualTo(5);
		assertThat(json.path("data").findValuesAsText("id")).containsExactly("gpt-4o", "gpt-4o-mini",
				"claude-sonnet-4-5", "text-embedding-3-small", "gpt-image-1");
		JsonNode gpt4o = json.path("data").path(0);
		assertThat(gpt4o.path("provider").asText()).isEqualTo("OpenAI");
		assertThat(gpt4o.path("model_type").asText()).isEqualTo("chat");
		assertThat(gpt4o.path("features").isArray()).isTrue();
		assertThat(gpt4o.path("pricing").path("currency").asText()).isEqualTo("USD / M Tokens");
		assertThat(gpt4o.path("pricing").path("input").isNumber()).isTrue();
		assertThat(gpt4o.path("pricing").path("per_request").isNull()).isTrue();
		assertThat(gpt4o.path("api_doc_url").asText()).startsWith("https://");
	}

	@Test
	void servesCatalogOverrideAndDerivesModelList() throws Exception {
		mock.server()
			.catalog("{\"success\":true,\"page\":0,\"page_size\":0,\"total\":1,"
					+ "\"data\":[{\"id\":\"my-model\",\"provider\":\"Acme\",\"model_type\":\"chat\",\"features\":[],"
					+ "\"pricing\":null,\"api_doc_url\":null}]}");
		assertThat(Http.json(this.http.get("/api/models").body()).path("data").path(0).path("id").asText())
			.isEqualTo("my-model");
		JsonNode models = Http.json(this.http.get("/v1/models").body());
		assertThat(models.path("data")).singleElement().satisfies((model) -> {
			assertThat(model.path("id").asText()).isEqualTo("my-model");
			assertThat(model.path("owned_by").asText()).isEqualTo("acme");
		});
	}

	@Test
	void listsCatalogModelsOnV1Models() throws Exception {
		HttpResponse<String> response = this.http.get("/v1/models");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode json = Http.json(response.body());
		assertThat(json.path("object").asText()).isEqualTo("list");
		assertThat(json.path("data")).hasSize(5).allSatisfy((model) -> {
			assertThat(model.path("object").asText()).isEqualTo("model");
			assertThat(model.path("created").asLong()).isPositive();
			assertThat(model.path("owned_by").isTextual()).isTrue();
		});
		assertThat(json.path("data").findValuesAsText("id")).contains("gpt-4o", "text-embedding-3-small");
	}

	@Test
	void answersUnknownPathsWith404Envelope() throws Exception {
		HttpResponse<String> response = this.http.get("/v2/unknown");
		assertThat(response.statusCode()).isEqualTo(404);
		String requestId = response.headers().firstValue("X-Oneapi-Request-Id").orElseThrow();
		assertThat(Http.json(response.body()).path("error").path("message").asText())
			.endsWith(" (request id: " + requestId + ")");
	}

	@Test
	void recordsRequestsWithLowerCaseHeadersModelAndBody() throws Exception {
		this.http.chat("gpt-4o");
		this.http.get("/api/models");
		this.http.chat("claude-sonnet-4-5");
		List<RecordedRequest> requests = mock.server().requests();
		assertThat(requests).extracting(RecordedRequest::path)
			.containsExactly("/v1/chat/completions", "/api/models", "/v1/chat/completions");
		RecordedRequest first = requests.get(0);
		assertThat(first.method()).isEqualTo("POST");
		assertThat(first.model()).isEqualTo("gpt-4o");
		assertThat(first.headers()).containsEntry("authorization", "Bearer test-key");
		assertThat(first.header("AUTHORIZATION")).isEqualTo("Bearer test-key");
		assertThat(first.headers().keySet()).allSatisfy((name) -> assertThat(name).isLowerCase());
		assertThat(first.json().path("messages").path(0).path("content").asText()).isEqualTo("Hi");
		assertThat(first.receivedAt()).isNotNull();
		assertThat(requests.get(1).model()).isNull();
		assertThat(requests.get(1).body()).isEmpty();
		assertThat(requests.get(1).json().isMissingNode()).isTrue();
		assertThat(mock.server().requestCount()).isEqualTo(3);
		assertThat(mock.server().requestCount("gpt-4o")).isEqualTo(1);
		assertThat(mock.server().requests("claude-sonnet-4-5")).singleElement()
			.satisfies((request) -> assertThat(request.method()).isEqualTo("POST"));
	}

	@Test
	void recordedRequestJsonIsMissingNodeForNonJsonBody() throws Exception {
		this.http.post("/v1/chat/completions", "not json");
		assertThat(mock.server().requests()).singleElement().satisfies((request) -> {
			assertThat(request.body()).isEqualTo("not json");
			assertThat(request.json().isMissingNode()).isTrue();
			assertThat(request.model()).isNull();
		});
	}

	private static String content(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(200);
		return Http.json(response.body()).path("choices").path(0).path("message").path("content").asText();
	}

}
