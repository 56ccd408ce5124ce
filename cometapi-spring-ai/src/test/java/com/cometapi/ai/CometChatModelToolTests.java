package com.cometapi.ai;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.annotation.Tool;

import com.cometapi.client.CometTemplate;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static com.cometapi.ai.ChatFixtures.PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The tool loop of {@link CometChatModel} through {@code ChatClient} (run by the model on
 * Spring AI 1.1, by {@code ToolCallingAdvisor} on 2.0) against a server that answers tool
 * calls forever or with hostile tool calls: each ends with a typed outcome after a
 * counted number of requests.
 */
class CometChatModelToolTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private static final Duration WAIT = Duration.ofSeconds(30);

	private CometTemplate template;

	private ChatClient client;

	private WeatherTools tools;

	@BeforeEach
	void setUp() {
		this.template = ChatFixtures.template(mock).build();
		CometChatModel model = CometChatModel.builder(this.template).maxToolRounds(3).maxToolCallsPerAnswer(8).build();
		this.client = ChatClient.builder(model).build();
		this.tools = new WeatherTools();
	}

	@AfterEach
	void tearDown() {
		this.template.close();
	}

	@Test
	void callStopsAtTheToolRoundLimit() {
		mock.server().model(PRIMARY).respond(MockResponse.json(200, ChatFixtures.TOOL_CALL_ANSWER));
		CometToolRoundsExceededException thrown = catchThrowableOfType(CometToolRoundsExceededException.class,
				() -> this.client.prompt().user("How warm is Paris?").tools(this.tools).call().content());
		assertThat(thrown.getLimit()).isEqualTo(3);
		assertThat(thrown.getModel()).isEqualTo(PRIMARY);
		assertThat(thrown.getMessage()).isEqualTo("Model 'gpt-4o' asked for tool round 4 but at most 3 tool rounds "
				+ "are allowed (cometapi.spring-ai.chat.max-tool-rounds)");
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(4);
		assertThat(this.tools.calls).hasValue(3);
	}

	@Test
	void streamStopsAtTheToolRoundLimit() {
		mock.server()
			.model(PRIMARY)
			.respond(MockResponse.raw(200, "text/event-stream", ChatFixtures.STREAMED_TOOL_CALL));
		CometToolRoundsExceededException thrown = catchThrowableOfType(CometToolRoundsExceededException.class,
				() -> this.client.prompt()
					.user("How warm is Paris?")
					.tools(this.tools)
					.stream()
					.content()
					.collectList()
					.block(WAIT));
		assertThat(thrown.getLimit()).isEqualTo(3);
		assertThat(thrown.getModel()).isEqualTo(PRIMARY);
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(4);
		assertThat(this.tools.calls).hasValue(3);
	}

	@Test
	void aToolRoundLimitOfZeroRunsNoTool() {
		CometChatModel model = CometChatModel.builder(this.template).maxToolRounds(0).build();
		mock.server().model(PRIMARY).respond(MockResponse.json(200, ChatFixtures.TOOL_CALL_ANSWER));
		CometToolRoundsExceededException thrown = catchThrowableOfType(CometToolRoundsExceededException.class,
				() -> ChatClient.create(model).prompt().user("Hi").tools(this.tools).call().content());
		assertThat(thrown.getLimit()).isZero();
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(1);
		assertThat(this.tools.calls).hasValue(0);
	}

	@Test
	void earlierTurnsToolRoundsDoNotCount() {
		mock.server()
			.model(PRIMARY)
			.enqueue(MockResponse.json(200, ChatFixtures.TOOL_CALL_ANSWER),
					MockResponse.json(200, ChatFixtures.TOOL_CALL_ANSWER),
					MockResponse.json(200, ChatFixtures.TOOL_CALL_ANSWER))
			.respond(MockResponse.ok("It is 21 degrees"));
		assertThat(this.client.prompt().user("How warm is Paris?").tools(this.tools).call().content())
			.isEqualTo("It is 21 degrees");
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(4);
		assertThat(this.tools.calls).hasValue(3);
	}

	@Test
	void malformedJsonArgumentsFailWithTheToolNamedAndRunNothing() {
		answer(toolCall("call_1", "temperature", "{\\\"city\\\":"), "tool_calls");
		CometToolCallException thrown = callExpectingToolCallFailure();
		assertThat(thrown.getToolName()).isEqualTo("temperature");
		assertThat(thrown.getToolCallId()).isEqualTo("call_1");
		assertThat(thrown.getModel()).isEqualTo(PRIMARY);
		assertThat(thrown)
			.hasMessage("Model 'gpt-4o' called tool 'temperature' (call id call_1) with arguments "
					+ "that are not valid JSON")
			.hasCauseInstanceOf(JsonProcessingException.class);
	}

	@Test
	void argumentsThatAreNotAnObjectFailWithTheToolNamed() {
		answer(toolCall("call_1", "temperature", "[1,2]"), "tool_calls");
		CometToolCallException thrown = callExpectingToolCallFailure();
		assertThat(thrown).hasMessageContaining("not a JSON object");
	}

	@Test
	void anUnknownToolFailsNamingTheOfferedOnes() {
		answer(toolCall("call_1", "launch_missiles", "{}"), "tool_calls");
		CometToolCallException thrown = callExpectingToolCallFailure();
		assertThat(thrown.getToolName()).isEqualTo("launch_missiles");
		assertThat(thrown).hasMessage("Model 'gpt-4o' called tool 'launch_missiles' (call id call_1) but the tools "
				+ "offered were [temperature]");
	}

	@Test
	void aToolCallWithoutAnIdFails() {
		answer("{\"type\":\"function\",\"function\":{\"name\":\"temperature\",\"arguments\":\"{}\"}}", "tool_calls");
		CometToolCallException thrown = callExpectingToolCallFailure();
		assertThat(thrown.getToolCallId()).isNull();
		assertThat(thrown).hasMessageContaining("without an id");
	}

	@Test
	void thousandsOfToolCallsInOneAnswerFailBeforeAnyRuns() {
		String calls = IntStream.range(0, 5000)
			.mapToObj((i) -> toolCall("call_" + i, "temperature", "{\\\"city\\\":\\\"Paris\\\"}"))
			.collect(Collectors.joining(","));
		answer(calls, "tool_calls");
		CometToolCallException thrown = callExpectingToolCallFailure();
		assertThat(thrown).isExactlyInstanceOf(CometToolCallException.class)
			.hasMessage("Model 'gpt-4o' answered 5000 tool calls but at most 8 are allowed in one answer "
					+ "(cometapi.spring-ai.chat.max-tool-calls-per-answer)");
		assertThat(thrown.getToolName()).isNull();
	}

	@Test
	void hugeArgumentsReachTheToolWhole() {
		String city = "x".repeat(1024 * 1024);
		answer(toolCall("call_1", "temperature", "{\\\"city\\\":\\\"" + city + "\\\"}"), "tool_calls");
		mock.server().model(PRIMARY).respond(MockResponse.ok("Done"));
		assertThat(this.client.prompt().user("Hi").tools(this.tools).call().content()).isEqualTo("Done");
		assertThat(this.tools.lastCityLength).hasValue(city.length());
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(2);
	}

	@Test
	void toolCallsWithFinishReasonStopAreRun() {
		answer(toolCall("call_1", "temperature", "{\\\"city\\\":\\\"Paris\\\"}"), "stop");
		mock.server().model(PRIMARY).respond(MockResponse.ok("It is 21 degrees"));
		assertThat(this.client.prompt().user("Hi").tools(this.tools).call().content()).isEqualTo("It is 21 degrees");
		assertThat(this.tools.calls).hasValue(1);
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(2);
	}

	@Test
	void aToolThatThrowsSendsItsMessageBackToTheModel() {
		answer(toolCall("call_1", "failing", "{}"), "tool_calls");
		mock.server().model(PRIMARY).respond(MockResponse.ok("The sensor is offline"));
		String answer = this.client.prompt().user("Hi").tools(new FailingTools()).call().content();
		assertThat(answer).isEqualTo("The sensor is offline");
		JsonNode messages = mock.server().requests(PRIMARY).get(1).json().get("messages");
		JsonNode result = messages.get(messages.size() - 1);
		assertThat(result.get("role").asText()).isEqualTo("tool");
		assertThat(result.get("tool_call_id").asText()).isEqualTo("call_1");
		assertThat(result.get("content").asText()).contains("sensor offline");
	}

	private CometToolCallException callExpectingToolCallFailure() {
		CometToolCallException thrown = catchThrowableOfType(CometToolCallException.class,
				() -> this.client.prompt().user("Hi").tools(this.tools).call().content());
		assertThat(thrown).isNotNull();
		assertThat(mock.server().requestCount(PRIMARY)).isEqualTo(1);
		assertThat(this.tools.calls).hasValue(0);
		return thrown;
	}

	private static String toolCall(String id, String name, String escapedArguments) {
		return "{\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\"" + name + "\",\"arguments\":\""
				+ escapedArguments + "\"}}";
	}

	private static void answer(String toolCalls, String finishReason) {
		mock.server()
			.model(PRIMARY)
			.enqueue(MockResponse.json(200,
					"{\"id\":\"chatcmpl-tool\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\","
							+ "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
							+ "\"tool_calls\":[" + toolCalls + "]},\"finish_reason\":\"" + finishReason + "\"}],"
							+ "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":5,\"total_tokens\":25}}"));
	}

	static class WeatherTools {

		final AtomicInteger calls = new AtomicInteger();

		final AtomicInteger lastCityLength = new AtomicInteger(-1);

		@Tool(description = "The current temperature in a city, in degrees Celsius")
		int temperature(String city) {
			this.calls.incrementAndGet();
			this.lastCityLength.set(city.length());
			return 21;
		}

	}

	static class FailingTools {

		@Tool(description = "A sensor that is offline")
		int failing() {
			throw new IllegalStateException("sensor offline");
		}

	}

}
