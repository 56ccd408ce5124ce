package com.cometapi.ai;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.annotation.Tool;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.DecisionTableRows;
import com.cometapi.client.error.CometApiException;
import com.cometapi.client.error.CometAuthenticationException;
import com.cometapi.client.wire.CallResult;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;
import com.cometapi.test.RecordedRequest;

import static com.cometapi.ai.ChatFixtures.COST;
import static com.cometapi.ai.ChatFixtures.PRIMARY;
import static com.cometapi.ai.ChatFixtures.SECONDARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests of {@link CometChatModel} through Spring AI's {@link ChatClient}, against the
 * mock server.
 */
class CometChatModelTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private CometTemplate template;

	private CometChatModel model;

	private ChatClient client;

	@BeforeEach
	void setUp() {
		this.template = ChatFixtures.template(mock).build();
		this.model = CometChatModel.builder(this.template).build();
		this.client = ChatClient.builder(this.model).build();
	}

	@AfterEach
	void tearDown() {
		this.template.close();
	}

	@Test
	void callReturnsTheContent() {
		mock.server().model(PRIMARY).respond(MockResponse.ok("Hello there"));
		assertThat(this.client.prompt().system("Be brief").user("Hi").call().content()).isEqualTo("Hello there");
		JsonNode sent = mock.server().requests(PRIMARY).get(0).json();
		assertThat(sent.get("messages").get(0).get("role").asText()).isEqualTo("system");
		assertThat(sent.get("messages").get(1).get("content").asText()).isEqualTo("Hi");
		assertThat(sent.has("stream")).isFalse();
	}

	@Test
	void streamReturnsTheContentInOrder() {
		mock.server().model(PRIMARY).respond(MockResponse.stream("Hel", "lo", " there"));
		List<String> parts = this.client.prompt().user("Hi").stream().content().collectList().block(timeout());
		assertThat(String.join("", parts)).isEqualTo("Hello there");
		assertThat(parts).containsExactly("Hel", "lo", " there");
		assertThat(mock.server().requests(PRIMARY).get(0).json().get("stream").asBoolean()).isTrue();
	}

	@Test
	void entityReadsStructuredOutput() {
		mock.server().model(PRIMARY).respond(MockResponse.ok("{\"city\":\"Paris\",\"temperature\":21}"));
		Weather weather = this.client.prompt().user("Weather in Paris?").call().entity(Weather.class);
		assertThat(weather).isEqualTo(new Weather("Paris", 21));
		String sent = mock.server().requests(PRIMARY).get(0).json().get("messages").get(0).get("content").asText();
		assertThat(sent).contains("Weather in Paris?").contains("JSON");
	}

	@Test
	void optionsGoOnTheWire() {
		mock.server().model("gpt-4o-mini").respond(MockResponse.ok());
		CometChatOptions options = CometChatOptions.builder()
			.model("gpt-4o-mini")
			.temperature(0.2)
			.maxTokens(50)
			.seed(7L)
			.build();
		this.model.call(new Prompt("Hi", options));
		JsonNode sent = mock.server().requests("gpt-4o-mini").get(0).json();
		assertThat(sent.get("temperature").asDouble()).isEqualTo(0.2);
		assertThat(sent.get("max_tokens").asInt()).isEqualTo(50);
		assertThat(sent.get("seed").asLong()).isEqualTo(7L);
	}

	@Test
	void callRunsToolsThroughSpringAiToolCalling() {
		mock.server().model(PRIMARY).enqueue(MockResponse.json(200, ChatFixtures.TOOL_CALL_ANSWER));
		mock.server().model(PRIMARY).respond(MockResponse.ok("It is 21 degrees in Paris"));
		WeatherTools tools = new WeatherTools();
		String answer = this.client.prompt().user("How warm is Paris?").tools(tools).call().content();
		assertThat(answer).isEqualTo("It is 21 degrees in Paris");
		assertThat(tools.calls).hasValue(1);
		assertToolRoundTrip(mock.server().requests(PRIMARY));
	}

	@Test
	void streamRunsToolsThroughSpringAiToolCalling() {
		mock.server()
			.model(PRIMARY)
			.enqueue(MockResponse.raw(200, "text/event-stream", ChatFixtures.STREAMED_TOOL_CALL));
		mock.server().model(PRIMARY).respond(MockResponse.stream("It is", " 21 degrees"));
		WeatherTools tools = new WeatherTools();
		List<String> parts = this.client.prompt()
			.user("How warm is Paris?")
			.tools(tools)
			.stream()
			.content()
			.collectList()
			.block(timeout());
		assertThat(String.join("", parts)).isEqualTo("It is 21 degrees");
		assertThat(tools.calls).hasValue(1);
		assertToolRoundTrip(mock.server().requests(PRIMARY));
	}

	private static void assertToolRoundTrip(List<RecordedRequest> requests) {
		assertThat(requests).hasSize(2);
		JsonNode first = requests.get(0).json();
		assertThat(first.get("tools").get(0).get("function").get("name").asText()).isEqualTo("temperature");
		assertThat(first.get("tools").get(0).get("function").get("parameters").get("properties").has("city")).isTrue();
		JsonNode messages = requests.get(1).json().get("messages");
		JsonNode call = messages.get(messages.size() - 2);
		assertThat(call.get("role").asText()).isEqualTo("assistant");
		assertThat(call.get("tool_calls").get(0).get("id").asText()).isEqualTo("call_1");
		assertThat(call.get("tool_calls").get(0).get("function").get("arguments").asText())
			.isEqualTo("{\"city\":\"Paris\"}");
		JsonNode result = messages.get(messages.size() - 1);
		assertThat(result.get("role").asText()).isEqualTo("tool");
		assertThat(result.get("tool_call_id").asText()).isEqualTo("call_1");
		assertThat(result.get("content").asText()).isEqualTo("21");
	}

	static Stream<Arguments> decisionTable() {
		return DecisionTableRows.rows();
	}

	@ParameterizedTest(name = "{0}: primary {2}, secondary {3}")
	@MethodSource("decisionTable")
	void callFollowsTheDecisionTableAsTheTemplateDoes(String row, MockResponse primaryAnswer, int primaryRequests,
			int secondaryRequests, Class<? extends CometApiException> failure) {
		mock.server().model(PRIMARY).respond(primaryAnswer);
		if (failure == null) {
			ChatResponse response = this.client.prompt().user("Hi").call().chatResponse();
			assertThat(response.getMetadata().getModel()).isEqualTo(SECONDARY);
			CallResult result = response.getMetadata().get(CometMetadata.CALL_RESULT);
			assertThat(result.attempts()).isEqualTo(primaryRequests + secondaryRequests);
			assertThat(result.fellBack()).isTrue();
		}
		else {
			Throwable thrown = catchThrowable(() -> this.client.prompt().user("Hi").call().content());
			assertThat(thrown).isExactlyInstanceOf(failure);
		}
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(primaryRequests);
		assertThat(mock.server().requestCount(SECONDARY)).isEqualTo(secondaryRequests);
	}

	@ParameterizedTest(name = "{0}: primary {2}, secondary {3}")
	@MethodSource("decisionTable")
	void streamFollowsTheDecisionTableAsTheTemplateDoes(String row, MockResponse primaryAnswer, int primaryRequests,
			int secondaryRequests, Class<? extends CometApiException> failure) {
		mock.server().model(PRIMARY).respond(primaryAnswer);
		if (failure == null) {
			List<ChatResponse> responses = this.client.prompt()
				.user("Hi")
				.stream()
				.chatResponse()
				.collectList()
				.block(timeout());
			assertThat(responses.get(responses.size() - 1).getMetadata().getModel()).isEqualTo(SECONDARY);
		}
		else {
			Throwable thrown = catchThrowable(
					() -> this.client.prompt().user("Hi").stream().content().collectList().block(timeout()));
			assertThat(thrown).isExactlyInstanceOf(failure);
		}
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(primaryRequests);
		assertThat(mock.server().requestCount(SECONDARY)).isEqualTo(secondaryRequests);
	}

	@Test
	void unauthorizedFailsAtOnce() {
		mock.server().anyModel().respond(MockResponse.unauthorized());
		Throwable thrown = catchThrowable(() -> this.client.prompt().user("Hi").call().content());
		assertThat(thrown).isInstanceOf(CometAuthenticationException.class);
		assertThat(mock.server().requestCount()).isEqualTo(1);
		assertThat(thrown.getMessage()).doesNotContain("test-key");
	}

	@Test
	void rateLimitedThenAnsweredIsRetriedOnce() {
		mock.server().model(PRIMARY).enqueue(MockResponse.rateLimited()).respond(MockResponse.ok("Fine"));
		ChatResponse response = this.client.prompt().user("Hi").call().chatResponse();
		assertThat(response.getResult().getOutput().getText()).isEqualTo("Fine");
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(2);
		assertThat(mock.server().requestCount(SECONDARY)).isZero();
		assertThat((Integer) response.getMetadata().get(CometMetadata.ATTEMPTS)).isEqualTo(2);
	}

	@Test
	void fallbackModelsOfTheOptionsAreTried() {
		mock.server().model("gpt-4o-mini").respond(MockResponse.noAvailableChannel());
		mock.server().model("deepseek-chat").respond(MockResponse.ok("From deepseek"));
		CometChatOptions options = CometChatOptions.builder()
			.model("gpt-4o-mini")
			.fallbackModels("deepseek-chat")
			.build();
		ChatResponse response = this.model.call(new Prompt("Hi", options));
		assertThat(response.getResult().getOutput().getText()).isEqualTo("From deepseek");
		assertThat(response.getMetadata().getModel()).isEqualTo("deepseek-chat");
		assertThat(mock.server().requestCount("gpt-4o-mini")).isEqualTo(1);
		assertThat(mock.server().requestCount(PRIMARY)).isZero();
	}

	@Test
	void callMetadataCarriesServedModelRequestIdUsageAndCost() {
		mock.server().model(PRIMARY).respond(MockResponse.ok());
		ChatResponseMetadata metadata = this.client.prompt().user("Hi").call().chatResponse().getMetadata();
		assertThat(metadata.getModel()).isEqualTo(PRIMARY);
		assertThat(metadata.getId()).isNotBlank();
		assertThat((String) metadata.get(CometMetadata.REQUEST_ID))
			.isEqualTo(mock.server().requests(PRIMARY).get(0).requestId());
		assertThat(metadata.getUsage().getPromptTokens()).isEqualTo(11);
		assertThat(metadata.getUsage().getCompletionTokens()).isEqualTo(7);
		assertThat(metadata.getUsage().getTotalTokens()).isEqualTo(18);
		assertThat((BigDecimal) metadata.get(CometMetadata.ESTIMATED_COST)).isEqualTo(COST);
		assertThat((Integer) metadata.get(CometMetadata.ATTEMPTS)).isEqualTo(1);
	}

	@Test
	void streamMetadataCarriesUsageAndCostOnceAtTheEnd() {
		mock.server().model(PRIMARY).respond(MockResponse.stream("Hel", "lo"));
		List<ChatResponse> responses = this.client.prompt()
			.user("Hi")
			.stream()
			.chatResponse()
			.collectList()
			.block(timeout());
		String requestId = mock.server().requests(PRIMARY).get(0).requestId();
		assertThat(responses).allSatisfy((response) -> {
			assertThat(response.getMetadata().getModel()).isEqualTo(PRIMARY);
			assertThat((String) response.getMetadata().get(CometMetadata.REQUEST_ID)).isEqualTo(requestId);
		});
		ChatResponseMetadata last = responses.get(responses.size() - 1).getMetadata();
		assertThat(last.getUsage().getTotalTokens()).isEqualTo(18);
		assertThat((BigDecimal) last.get(CometMetadata.ESTIMATED_COST)).isEqualTo(COST);
		int withUsage = 0;
		for (ChatResponse response : responses) {
			Integer total = response.getMetadata().getUsage().getTotalTokens();
			if (total != null && total > 0) {
				withUsage++;
			}
		}
		assertThat(withUsage).isEqualTo(1);
	}

	private static Duration timeout() {
		return Duration.ofSeconds(10);
	}

	record Weather(String city, int temperature) {
	}

	static class WeatherTools {

		final AtomicInteger calls = new AtomicInteger();

		@Tool(description = "The current temperature in a city, in degrees Celsius")
		int temperature(String city) {
			this.calls.incrementAndGet();
			return 21;
		}

	}

}
