package com.cometapi.client.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for writing and reading {@link ChatRequest}.
 */
class ChatRequestJsonTests {

	private final ObjectMapper mapper = CometJson.newObjectMapper();

	@Test
	void writesFullRequestAsSnakeCaseJsonWithoutNullsOrFallbackModels() throws Exception {
		Map<String, Object> weatherSchema = Map.of("type", "object", "properties",
				Map.of("city", Map.of("type", "string")), "required", List.of("city"));
		ChatRequest request = ChatRequest.builder()
			.model("gpt-5.4-mini")
			.system("Be brief.")
			.message(ChatMessage.user(List.of(ContentPart.text("What is in this image?"),
					ContentPart.imageUrl("https://example.com/cat.png", "low"))))
			.message(ChatMessage.assistant(List.of(ToolCall.function("call_1", "get_weather", "{\"city\":\"Oslo\"}"))))
			.message(ChatMessage.tool("call_1", "{\"temp\":3}"))
			.user("And tomorrow?")
			.temperature(0.7)
			.topP(0.9)
			.n(1)
			.stop("END", "STOP")
			.maxTokens(100)
			.maxCompletionTokens(200)
			.presencePenalty(0.5)
			.frequencyPenalty(-0.5)
			.logitBias(Map.of("50256", -100))
			.logprobs(true)
			.topLogprobs(2)
			.seed(42L)
			.endUser("user-7")
			.stream(true)
			.streamOptions(new StreamOptions(true))
			.tools(Tool.function("get_weather", "Weather of a city", weatherSchema))
			.toolChoice(ToolChoice.function("get_weather"))
			.parallelToolCalls(false)
			.responseFormat(ResponseFormat.jsonSchema("answer", Map.of("type", "object"), true))
			.reasoningEffort("low")
			.extra("metadata", Map.of("trace", "t-1"))
			.fallbackModels("claude-sonnet-4-5", "gemini-2.5-flash")
			.build();
		String expected = """
				{
				  "model": "gpt-5.4-mini",
				  "messages": [
				    {"role": "system", "content": "Be brief."},
				    {"role": "user", "content": [
				      {"type": "text", "text": "What is in this image?"},
				      {"type": "image_url", "image_url": {"url": "https://example.com/cat.png", "detail": "low"}}
				    ]},
				    {"role": "assistant", "tool_calls": [
				      {"id": "call_1", "type": "function",
				       "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Oslo\\"}"}}
				    ]},
				    {"role": "tool", "content": "{\\"temp\\":3}", "tool_call_id": "call_1"},
				    {"role": "user", "content": "And tomorrow?"}
				  ],
				  "temperature": 0.7,
				  "top_p": 0.9,
				  "n": 1,
				  "stop": ["END", "STOP"],
				  "max_tokens": 100,
				  "max_completion_tokens": 200,
				  "presence_penalty": 0.5,
				  "frequency_penalty": -0.5,
				  "logit_bias": {"50256": -100},
				  "logprobs": true,
				  "top_logprobs": 2,
				  "seed": 42,
				  "user": "user-7",
				  "stream": true,
				  "stream_options": {"include_usage": true},
				  "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Weather of a city",
				    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}],
				  "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
				  "parallel_tool_calls": false,
				  "response_format": {"type": "json_schema",
				    "json_schema": {"name": "answer", "schema": {"type": "object"}, "strict": true}},
				  "reasoning_effort": "low",
				  "metadata": {"trace": "t-1"}
				}
				""";
		String json = this.mapper.writeValueAsString(request);
		JSONAssert.assertEquals(expected, json, JSONCompareMode.STRICT);
		assertThat(json).doesNotContain("fallback").doesNotContain("null");
	}

	@Test
	void writesMinimalRequestWithModelAndMessagesOnly() throws Exception {
		String json = this.mapper.writeValueAsString(ChatRequest.of("gpt-5.4-mini", "Hi"));
		JSONAssert.assertEquals("{\"model\":\"gpt-5.4-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
				json, JSONCompareMode.STRICT);
	}

	@Test
	void writesStringToolChoices() throws Exception {
		assertThat(this.mapper.writeValueAsString(ToolChoice.none())).isEqualTo("\"none\"");
		assertThat(this.mapper.writeValueAsString(ToolChoice.auto())).isEqualTo("\"auto\"");
		assertThat(this.mapper.writeValueAsString(ToolChoice.required())).isEqualTo("\"required\"");
	}

	@Test
	void readsToolChoiceFromStringAndObject() throws Exception {
		assertThat(this.mapper.readValue("\"auto\"", ToolChoice.class)).isEqualTo(ToolChoice.auto());
		assertThat(this.mapper.readValue("{\"type\":\"function\",\"function\":{\"name\":\"f\"}}", ToolChoice.class))
			.isEqualTo(ToolChoice.function("f"));
	}

	@Test
	void writesJsonObjectAndTextResponseFormats() throws Exception {
		assertThat(this.mapper.writeValueAsString(ResponseFormat.jsonObject())).isEqualTo("{\"type\":\"json_object\"}");
		assertThat(this.mapper.writeValueAsString(ResponseFormat.text())).isEqualTo("{\"type\":\"text\"}");
	}

	@Test
	void readsStopFromSingleString() throws Exception {
		ChatRequest request = this.mapper.readValue("{\"model\":\"m\",\"messages\":[],\"stop\":\"END\"}",
				ChatRequest.class);
		assertThat(request.stop()).containsExactly("END");
		assertThat(this.mapper.writeValueAsString(request)).contains("\"stop\":[\"END\"]");
	}

	@Test
	void readsStopFromArray() throws Exception {
		ChatRequest request = this.mapper.readValue("{\"model\":\"m\",\"messages\":[],\"stop\":[\"a\",\"b\"]}",
				ChatRequest.class);
		assertThat(request.stop()).containsExactly("a", "b");
	}

	@Test
	void readsFullRequestBackToEqualRecord() throws Exception {
		ChatRequest request = ChatRequest.builder()
			.model("m")
			.user("Hi")
			.message(ChatMessage.assistant(List.of(ToolCall.function("c", "f", "{}"))))
			.message(ChatMessage.tool("c", "ok"))
			.toolChoice(ToolChoice.required())
			.responseFormat(ResponseFormat.jsonSchema("s", Map.of("type", "object"), false))
			.extra("custom", "x")
			.build();
		ChatRequest read = this.mapper.readValue(this.mapper.writeValueAsString(request), ChatRequest.class);
		assertThat(read).isEqualTo(request);
		assertThat(read.extras()).containsEntry("custom", "x");
	}

	@Test
	void ofCreatesOneUserMessage() {
		ChatRequest request = ChatRequest.of("m", "Hello");
		assertThat(request.model()).isEqualTo("m");
		assertThat(request.messages()).containsExactly(ChatMessage.user("Hello"));
		assertThat(request.fallbackModels()).isEmpty();
		assertThat(request.extras()).isEmpty();
	}

	@Test
	void withModelReturnsTheSameRequestWhenItAlreadyNamesTheModel() {
		ChatRequest request = ChatRequest.builder().model("a").user("Hi").fallbackModels("b").build();
		assertThat(request.withModel("a")).isSameAs(request);
		assertThat(request.withModel("b")).isNotSameAs(request).isNotEqualTo(request);
	}

	@Test
	void withModelAndWithStreamCopyTheRequest() {
		ChatRequest request = ChatRequest.builder().model("a").user("Hi").fallbackModels("b").temperature(0.1).build();
		ChatRequest other = request.withModel("b");
		assertThat(other.model()).isEqualTo("b");
		assertThat(other.messages()).isEqualTo(request.messages());
		assertThat(other.temperature()).isEqualTo(0.1);
		assertThat(other.fallbackModels()).containsExactly("b");
		ChatRequest streamed = request.withStream(true, true);
		assertThat(streamed.stream()).isTrue();
		assertThat(streamed.streamOptions().includeUsage()).isTrue();
		ChatRequest unstreamed = streamed.withStream(false, true);
		assertThat(unstreamed.stream()).isFalse();
		assertThat(unstreamed.streamOptions()).isNull();
		assertThat(request.stream()).isNull();
	}

	@Test
	void toBuilderKeepsEveryFieldAndMessagesAppend() {
		ChatRequest request = ChatRequest.builder()
			.model("a")
			.system("s")
			.extra("k", 1)
			.seed(3L)
			.stop("x")
			.fallbackModels("b")
			.build();
		ChatRequest copy = request.toBuilder().user("u").build();
		assertThat(copy.messages()).extracting(ChatMessage::role).containsExactly("system", "user");
		assertThat(copy.extras()).containsEntry("k", 1);
		assertThat(copy.seed()).isEqualTo(3L);
		assertThat(copy.stop()).containsExactly("x");
		assertThat(copy.fallbackModels()).containsExactly("b");
		assertThat(request.toBuilder().build()).isEqualTo(request);
	}

	@Test
	void listsAreImmutableCopies() {
		ArrayList<ChatMessage> messages = new ArrayList<>(List.of(ChatMessage.user("a")));
		ChatRequest request = ChatRequest.builder().model("m").messages(messages).build();
		messages.add(ChatMessage.user("b"));
		assertThat(request.messages()).hasSize(1);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.messages().add(ChatMessage.user("c")));
	}

	@Test
	void readsFallbackModelsNeverFromTheWire() throws Exception {
		ChatRequest request = ChatRequest.builder().model("m").user("Hi").fallbackModels("b").build();
		ChatRequest read = this.mapper.readValue(this.mapper.writeValueAsString(request), ChatRequest.class);
		assertThat(read.fallbackModels()).isEmpty();
	}

}
