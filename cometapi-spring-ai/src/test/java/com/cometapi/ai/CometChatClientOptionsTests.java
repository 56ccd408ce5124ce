package com.cometapi.ai;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

import com.cometapi.client.CometRoute;
import com.cometapi.client.CometTemplate;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CometChatOptions} given to {@code ChatClient} ({@code options(..)},
 * {@code defaultOptions(..)}) and to the model reach the wire, the CometAPI-specific ones
 * (route, fallback models, seed, user) included, and options given per call override the
 * defaults field by field.
 */
class CometChatClientOptionsTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private static final String ROUTED = "deepseek-chat";

	private CometTemplate template;

	@BeforeEach
	void setUp() {
		this.template = ChatFixtures.template(mock).route(CometRoute.of("cheap", ROUTED)).build();
	}

	@AfterEach
	void tearDown() {
		this.template.close();
	}

	@Test
	void requestOptionsReachTheWire() {
		mock.server().model("gpt-4o-mini").respond(MockResponse.ok());
		ChatClient client = ChatClient.create(CometChatModel.builder(this.template).build());
		CometChatOptions options = CometChatOptions.builder()
			.model("gpt-4o-mini")
			.temperature(0.2)
			.maxTokens(50)
			.seed(7L)
			.user("user-1")
			.reasoningEffort("low")
			.build();
		SpringAiTestLine.options(client.prompt().user("Hi"), options).call().content();
		JsonNode sent = mock.server().requests("gpt-4o-mini").get(0).json();
		assertThat(sent.get("temperature").asDouble()).isEqualTo(0.2);
		assertThat(sent.get("max_tokens").asInt()).isEqualTo(50);
		assertThat(sent.get("seed").asLong()).isEqualTo(7L);
		assertThat(sent.get("user").asText()).isEqualTo("user-1");
		assertThat(sent.get("reasoning_effort").asText()).isEqualTo("low");
	}

	@Test
	void aRouteGivenToChatClientIsCalledThrough() {
		mock.server().model(ROUTED).respond(MockResponse.ok("From the route"));
		ChatClient client = ChatClient.create(CometChatModel.builder(this.template).build());
		ChatResponse response = SpringAiTestLine
			.options(client.prompt().user("Hi"), CometChatOptions.builder().route("cheap").build())
			.call()
			.chatResponse();
		assertThat(response.getMetadata().getModel()).isEqualTo(ROUTED);
		assertThat(mock.server().requestCount(ROUTED)).isEqualTo(1);
		assertThat(mock.server().requestCount(ChatFixtures.PRIMARY)).isZero();
	}

	@Test
	void fallbackModelsGivenAsChatClientDefaultsAreTried() {
		mock.server().model("gpt-4o-mini").respond(MockResponse.noAvailableChannel());
		mock.server().model(ROUTED).respond(MockResponse.ok("From deepseek"));
		ChatClient client = SpringAiTestLine
			.defaultOptions(ChatClient.builder(CometChatModel.builder(this.template).build()),
					CometChatOptions.builder().model("gpt-4o-mini").fallbackModels(ROUTED).build())
			.build();
		assertThat(client.prompt().user("Hi").call().content()).isEqualTo("From deepseek");
		assertThat(mock.server().requestCount("gpt-4o-mini")).isEqualTo(1);
		assertThat(mock.server().requestCount(ROUTED)).isEqualTo(1);
		assertThat(mock.server().requestCount(ChatFixtures.PRIMARY)).isZero();
	}

	@Test
	void chatClientRequestOptionsReplaceItsDefaultOptionsButNotTheModels() {
		mock.server().model(ChatFixtures.PRIMARY).respond(MockResponse.ok());
		CometChatModel model = CometChatModel.builder(this.template)
			.defaultOptions(CometChatOptions.builder().maxTokens(40).build())
			.build();
		ChatClient client = SpringAiTestLine
			.defaultOptions(ChatClient.builder(model), CometChatOptions.builder().model("gpt-4o-mini").seed(5L).build())
			.build();
		SpringAiTestLine
			.options(client.prompt().user("Hi"), CometChatOptions.builder().temperature(0.9).user("user-2").build())
			.call()
			.content();
		assertThat(mock.server().requestCount("gpt-4o-mini")).isZero();
		JsonNode sent = mock.server().requests(ChatFixtures.PRIMARY).get(0).json();
		assertThat(sent.get("temperature").asDouble()).isEqualTo(0.9);
		assertThat(sent.get("user").asText()).isEqualTo("user-2");
		assertThat(sent.get("max_tokens").asInt()).isEqualTo(40);
		assertThat(sent.has("seed")).isFalse();
	}

	@Test
	void chatClientDefaultOptionsApplyWhenTheRequestHasNone() {
		mock.server().model("gpt-4o-mini").respond(MockResponse.ok());
		ChatClient client = SpringAiTestLine
			.defaultOptions(ChatClient.builder(CometChatModel.builder(this.template).build()),
					CometChatOptions.builder().model("gpt-4o-mini").seed(5L).build())
			.build();
		client.prompt().user("Hi").call().content();
		assertThat(mock.server().requests("gpt-4o-mini").get(0).json().get("seed").asLong()).isEqualTo(5L);
	}

	@Test
	void springAiOptionsKeepTheModelsCometOptions() {
		mock.server().model(ROUTED).respond(MockResponse.ok());
		CometChatModel model = CometChatModel.builder(this.template)
			.defaultOptions(CometChatOptions.builder().route("cheap").maxTokens(40).build())
			.build();
		SpringAiTestLine
			.options(ChatClient.create(model).prompt().user("Hi"), ChatOptions.builder().temperature(0.7).build())
			.call()
			.content();
		JsonNode sent = mock.server().requests(ROUTED).get(0).json();
		assertThat(sent.get("temperature").asDouble()).isEqualTo(0.7);
		assertThat(sent.get("max_tokens").asInt()).isEqualTo(40);
		assertThat(mock.server().requestCount(ChatFixtures.PRIMARY)).isZero();
	}

	@Test
	void chatClientOptionsOverrideTheModelsDefaultsFieldByField() {
		mock.server().model("gpt-4o-mini").respond(MockResponse.ok());
		CometChatModel model = CometChatModel.builder(this.template)
			.defaultOptions(CometChatOptions.builder()
				.model("gpt-4o-mini")
				.temperature(0.3)
				.maxTokens(40)
				.extra("service_tier", "flex")
				.build())
			.build();
		SpringAiTestLine
			.options(ChatClient.create(model).prompt().user("Hi"), CometChatOptions.builder().temperature(0.9).build())
			.call()
			.content();
		JsonNode sent = mock.server().requests("gpt-4o-mini").get(0).json();
		assertThat(sent.get("temperature").asDouble()).isEqualTo(0.9);
		assertThat(sent.get("max_tokens").asInt()).isEqualTo(40);
		assertThat(sent.get("service_tier").asText()).isEqualTo("flex");
	}

	@Test
	void promptOptionsOverrideTheModelsDefaultsFieldByField() {
		mock.server().model(ROUTED).respond(MockResponse.ok());
		CometChatModel model = CometChatModel.builder(this.template)
			.defaultOptions(CometChatOptions.builder().route("cheap").temperature(0.3).maxTokens(40).build())
			.build();
		model.call(new Prompt("Hi", CometChatOptions.builder().temperature(0.9).seed(3L).build()));
		JsonNode sent = mock.server().requests(ROUTED).get(0).json();
		assertThat(sent.get("temperature").asDouble()).isEqualTo(0.9);
		assertThat(sent.get("seed").asLong()).isEqualTo(3L);
		assertThat(sent.get("max_tokens").asInt()).isEqualTo(40);
		assertThat(mock.server().requestCount(ChatFixtures.PRIMARY)).isZero();
	}

	@Test
	void streamTakesTheSameOptions() {
		mock.server().model(ROUTED).respond(MockResponse.stream("Hel", "lo"));
		CometChatModel model = CometChatModel.builder(this.template)
			.defaultOptions(CometChatOptions.builder().maxTokens(40).build())
			.build();
		String answer = String.join("",
				SpringAiTestLine
					.options(ChatClient.create(model).prompt().user("Hi"),
							CometChatOptions.builder().route("cheap").temperature(0.9).build())
					.stream()
					.content()
					.collectList()
					.block(java.time.Duration.ofSeconds(30)));
		assertThat(answer).isEqualTo("Hello");
		JsonNode sent = mock.server().requests(ROUTED).get(0).json();
		assertThat(sent.get("temperature").asDouble()).isEqualTo(0.9);
		assertThat(sent.get("max_tokens").asInt()).isEqualTo(40);
	}

}
