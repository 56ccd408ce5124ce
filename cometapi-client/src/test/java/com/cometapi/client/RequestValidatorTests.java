package com.cometapi.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import com.cometapi.client.wire.ChatMessage;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.client.wire.ContentPart;
import com.cometapi.client.wire.EmbeddingRequest;
import com.cometapi.client.wire.MessageContent;
import com.cometapi.client.wire.ResponseFormat;
import com.cometapi.client.wire.StreamOptions;
import com.cometapi.client.wire.Tool;
import com.cometapi.client.wire.ToolCall;
import com.cometapi.client.wire.ToolChoice;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RequestValidator}.
 */
class RequestValidatorTests {

	private static ChatRequest.Builder valid() {
		return ChatRequest.builder().model("gpt-5.4-mini").system("Be brief.").user("Hi");
	}

	private static List<String> problems(UnaryOperator<ChatRequest.Builder> change) {
		return RequestValidator.validate(change.apply(valid()).build());
	}

	@Test
	void acceptsValidRequest() {
		assertThat(RequestValidator.validate(ChatRequest.of("gpt-5.4-mini", "Hi"))).isEmpty();
	}

	@Test
	void acceptsRequestWithEveryFieldInRange() {
		ChatRequest request = valid().message(ChatMessage.assistant(List.of(ToolCall.function("c1", "f", "{}"))))
			.message(ChatMessage.tool("c1", "ok"))
			.message(ChatMessage.developer("d"))
			.message(ChatMessage.user(List.of(ContentPart.text("a"))))
			.temperature(2.0)
			.topP(0.0)
			.n(128)
			.maxTokens(1)
			.maxCompletionTokens(1)
			.presencePenalty(-2.0)
			.frequencyPenalty(2.0)
			.logprobs(true)
			.topLogprobs(20)
			.logitBias(Map.of("1", -100, "2", 100))
			.tools(Tool.function("get_weather-2", "d", Map.of()))
			.toolChoice(ToolChoice.function("get_weather-2"))
			.responseFormat(ResponseFormat.jsonSchema("answer", Map.of("type", "object"), true))
			.stream(true)
			.streamOptions(new StreamOptions(true))
			.fallbackModels("claude-sonnet-4-5")
			.extra("metadata", Map.of())
			.build();
		assertThat(RequestValidator.validate(request)).isEmpty();
	}

	@Test
	void boundsTheFallbackList() {
		String[] most = new String[RequestValidator.MAX_FALLBACK_MODELS];
		Arrays.setAll(most, (i) -> "m" + i);
		assertThat(problems((b) -> b.fallbackModels(most))).isEmpty();
		String[] tooMany = Arrays.copyOf(most, most.length + 1);
		tooMany[most.length] = "one-more";
		assertThat(problems((b) -> b.fallbackModels(tooMany)))
			.containsExactly("fallbackModels must list at most 16 models, but lists 17");
	}

	@Test
	void rejectsBlankModel() {
		assertThat(problems((b) -> b.model(" "))).containsExactly("model must not be blank");
		assertThat(problems((b) -> b.model(null))).containsExactly("model must not be blank");
	}

	@Test
	void rejectsEmptyMessages() {
		assertThat(problems((b) -> b.messages(List.of()))).containsExactly("messages must not be empty");
	}

	@Test
	void rejectsNullMessage() {
		assertThat(problems((b) -> b.message(null))).containsExactly("messages[2] must not be null");
	}

	@Test
	void rejectsUnknownOrMissingRole() {
		assertThat(problems(
				(b) -> b.message(new ChatMessage("robot", MessageContent.text("x"), null, null, null, null, null))))
			.containsExactly("messages[2].role 'robot' is not one of [system, developer, user, assistant, tool]");
		assertThat(problems(
				(b) -> b.message(new ChatMessage(null, MessageContent.text("x"), null, null, null, null, null))))
			.containsExactly("messages[2].role must not be blank");
	}

	@Test
	void rejectsToolMessageWithoutToolCallId() {
		assertThat(problems((b) -> b.message(ChatMessage.tool(null, "42"))))
			.containsExactly("messages[2] with role 'tool' must carry tool_call_id");
		assertThat(problems((b) -> b.message(ChatMessage.tool("call_1", "42")))).isEmpty();
	}

	@Test
	void rejectsNullContentUnlessAssistantCallsTools() {
		assertThat(problems((b) -> b.message(new ChatMessage("user", null, null, null, null, null, null))))
			.containsExactly("messages[2].content must not be null (unless an assistant message carries tool_calls)");
		assertThat(problems((b) -> b.message(ChatMessage.assistant(List.of()))))
			.containsExactly("messages[2].content must not be null (unless an assistant message carries tool_calls)");
		assertThat(problems((b) -> b.message(ChatMessage.assistant(List.of(ToolCall.function("c", "f", "{}"))))))
			.isEmpty();
	}

	@Test
	void rejectsEmptyContentParts() {
		assertThat(problems((b) -> b.message(ChatMessage.user(List.of()))))
			.containsExactly("messages[2].content must not be an empty array of parts");
	}

	@Test
	void rejectsTemperatureOutOfRange() {
		assertThat(problems((b) -> b.temperature(3.0))).containsExactly("temperature 3.0 must be between 0 and 2");
		assertThat(problems((b) -> b.temperature(-0.1))).containsExactly("temperature -0.1 must be between 0 and 2");
		assertThat(problems((b) -> b.temperature(Double.NaN))).hasSize(1);
		assertThat(problems((b) -> b.temperature(0.0))).isEmpty();
	}

	@Test
	void rejectsTopPOutOfRange() {
		assertThat(problems((b) -> b.topP(1.5))).containsExactly("top_p 1.5 must be between 0 and 1");
		assertThat(problems((b) -> b.topP(1.0))).isEmpty();
	}

	@Test
	void rejectsNOutOfRange() {
		assertThat(problems((b) -> b.n(0))).containsExactly("n 0 must be between 1 and 128");
		assertThat(problems((b) -> b.n(129))).containsExactly("n 129 must be between 1 and 128");
		assertThat(problems((b) -> b.n(1))).isEmpty();
	}

	@Test
	void rejectsMaxTokensBelowOne() {
		assertThat(problems((b) -> b.maxTokens(0))).containsExactly("max_tokens 0 must be at least 1");
		assertThat(problems((b) -> b.maxCompletionTokens(-1)))
			.containsExactly("max_completion_tokens -1 must be at least 1");
		assertThat(problems((b) -> b.maxTokens(4096).maxCompletionTokens(4096))).isEmpty();
	}

	@Test
	void rejectsPenaltiesOutOfRange() {
		assertThat(problems((b) -> b.presencePenalty(2.5).frequencyPenalty(-2.5))).containsExactly(
				"presence_penalty 2.5 must be between -2 and 2", "frequency_penalty -2.5 must be between -2 and 2");
		assertThat(problems((b) -> b.presencePenalty(2.0).frequencyPenalty(-2.0))).isEmpty();
	}

	@Test
	void rejectsTopLogprobsOutOfRangeOrWithoutLogprobs() {
		assertThat(problems((b) -> b.logprobs(true).topLogprobs(21)))
			.containsExactly("top_logprobs 21 must be between 0 and 20");
		assertThat(problems((b) -> b.topLogprobs(5))).containsExactly("top_logprobs requires logprobs to be true");
		assertThat(problems((b) -> b.logprobs(false).topLogprobs(5)))
			.containsExactly("top_logprobs requires logprobs to be true");
		assertThat(problems((b) -> b.logprobs(true).topLogprobs(0))).isEmpty();
	}

	@Test
	void rejectsLogitBiasOutOfRange() {
		Map<String, Integer> bias = new HashMap<>();
		bias.put("50256", 150);
		bias.put("7", null);
		assertThat(problems((b) -> b.logitBias(bias))).containsExactlyInAnyOrder(
				"logit_bias[50256] 150 must be between -100 and 100", "logit_bias[7] must not be null");
		assertThat(problems((b) -> b.logitBias(Map.of("50256", -100)))).isEmpty();
	}

	@Test
	void rejectsBadToolFunctionNames() {
		assertThat(problems(
				(b) -> b.tools(Tool.function("get weather", "d", null), Tool.function("x".repeat(65), "d", null),
						Tool.function(null, "d", null), new Tool("function", null, null))))
			.containsExactly("tools[0].function.name 'get weather' must match ^[a-zA-Z0-9_-]{1,64}$",
					"tools[1].function.name '" + "x".repeat(65) + "' must match ^[a-zA-Z0-9_-]{1,64}$",
					"tools[2].function.name 'null' must match ^[a-zA-Z0-9_-]{1,64}$",
					"tools[3].function must not be null");
		assertThat(problems((b) -> b.tools(Tool.function("x".repeat(64), "d", null)))).isEmpty();
	}

	@Test
	void rejectsFunctionToolChoiceWithoutName() {
		assertThat(problems((b) -> b.toolChoice(ToolChoice.function(" "))))
			.containsExactly("tool_choice of type 'function' must name the function");
		assertThat(problems((b) -> b.toolChoice(ToolChoice.auto()))).isEmpty();
	}

	@Test
	void rejectsJsonSchemaFormatWithoutNameOrSchema() {
		assertThat(problems((b) -> b.responseFormat(ResponseFormat.jsonSchema(null, null, true)))).containsExactly(
				"response_format json_schema requires json_schema.name",
				"response_format json_schema requires json_schema.schema");
		assertThat(problems((b) -> b.responseFormat(new ResponseFormat("json_schema", null, null)))).hasSize(2);
		assertThat(problems((b) -> b.responseFormat(ResponseFormat.jsonObject()))).isEmpty();
	}

	@Test
	void rejectsStreamOptionsWithoutStream() {
		assertThat(problems((b) -> b.streamOptions(new StreamOptions(true))))
			.containsExactly("stream_options requires stream to be true");
		assertThat(problems((b) -> b.stream(false).streamOptions(new StreamOptions(true))))
			.containsExactly("stream_options requires stream to be true");
		assertThat(problems((b) -> b.stream(true).streamOptions(new StreamOptions(true)))).isEmpty();
	}

	@Test
	void rejectsBlankFallbackModels() {
		assertThat(problems((b) -> b.fallbackModels(Arrays.asList("claude-sonnet-4-5", " ", null))))
			.containsExactly("fallbackModels[1] must not be blank", "fallbackModels[2] must not be blank");
	}

	@Test
	void rejectsExtrasThatShadowNamedFields() {
		assertThat(problems((b) -> b.extra("temperature", 5)))
			.containsExactly("extra field 'temperature' must be set through its own field");
	}

	@Test
	void reportsEveryProblemTogether() {
		List<ChatMessage> messages = new ArrayList<>();
		messages.add(ChatMessage.user("Hi"));
		messages.add(new ChatMessage("robot", null, null, null, null, null, null));
		List<String> problems = RequestValidator.validate(ChatRequest.builder()
			.messages(messages)
			.temperature(3.0)
			.n(0)
			.streamOptions(new StreamOptions(true))
			.build());
		assertThat(problems).containsExactly("model must not be blank",
				"messages[1].role 'robot' is not one of [system, developer, user, assistant, tool]",
				"messages[1].content must not be null (unless an assistant message carries tool_calls)",
				"temperature 3.0 must be between 0 and 2", "n 0 must be between 1 and 128",
				"stream_options requires stream to be true");
	}

	@Test
	void acceptsValidEmbeddingRequests() {
		assertThat(RequestValidator.validate(EmbeddingRequest.of("text-embedding-3-small", "hello"))).isEmpty();
		assertThat(RequestValidator.validate(EmbeddingRequest.of("m", "a", "b"))).isEmpty();
		assertThat(RequestValidator.validate(EmbeddingRequest.builder()
			.model("m")
			.tokens(List.of(List.of(1, 2)))
			.dimensions(1)
			.encodingFormat("float")
			.build())).isEmpty();
	}

	@Test
	void rejectsEmbeddingRequestWithoutModelOrInput() {
		assertThat(RequestValidator.validate(EmbeddingRequest.builder().build()))
			.containsExactly("model must not be blank", "input must not be null");
	}

	@Test
	void rejectsEmptyEmbeddingInputs() {
		assertThat(RequestValidator.validate(EmbeddingRequest.of("m", ""))).containsExactly("input must not be empty");
		assertThat(RequestValidator.validate(EmbeddingRequest.builder().model("m").input(List.of()).build()))
			.containsExactly("input must not be empty");
		assertThat(RequestValidator.validate(EmbeddingRequest.of("m", "a", "", null)))
			.containsExactly("input[1] must not be empty", "input[2] must not be null");
		assertThat(RequestValidator.validate(EmbeddingRequest.builder().model("m").tokens(List.of(List.of())).build()))
			.containsExactly("input[0] must not be empty");
	}

	@Test
	void rejectsEmbeddingInputOfWrongType() {
		assertThat(RequestValidator.validate(new EmbeddingRequest("m", 42, null, null, null, null)))
			.containsExactly("input must be a string, a list of strings or a list of token lists");
		assertThat(RequestValidator.validate(new EmbeddingRequest("m", List.of(42), null, null, null, null)))
			.containsExactly("input[0] must be a string or a list of token ids");
	}

	@Test
	void rejectsEmbeddingDimensionsBelowOne() {
		assertThat(RequestValidator.validate(EmbeddingRequest.builder().model("m").input("a").dimensions(0).build()))
			.containsExactly("dimensions 0 must be at least 1");
	}

	@Test
	void rejectsBase64EmbeddingEncoding() {
		assertThat(RequestValidator
			.validate(EmbeddingRequest.builder().model("m").input("a").encodingFormat("base64").build()))
			.containsExactly("encoding_format 'base64' is not supported: this client reads embeddings as float lists");
	}

	@Test
	void rejectsNullRequests() {
		assertThat(RequestValidator.validate((ChatRequest) null)).containsExactly("request must not be null");
		assertThat(RequestValidator.validate((EmbeddingRequest) null)).containsExactly("request must not be null");
	}

}
