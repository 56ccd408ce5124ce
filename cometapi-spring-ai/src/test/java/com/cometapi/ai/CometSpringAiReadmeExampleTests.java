package com.cometapi.ai;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.cometapi.autoconfigure.CometApiAutoConfiguration;
import com.cometapi.client.wire.CallResult;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring AI examples of the README, compiled and run against the mock server on both
 * Spring AI lines (keep them in step with the README's "Spring AI" section).
 */
class CometSpringAiReadmeExampleTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CometApiAutoConfiguration.class, CometSpringAiAutoConfiguration.class))
		.withUserConfiguration(AiConfiguration.class)
		.withPropertyValues("cometapi.api-key=test-key", "cometapi.catalog.validate=off",
				"cometapi.models=gpt-4o-mini,claude-sonnet-4-5");

	@Test
	void readmeExamplesRun() {
		mock.server()
			.model("gpt-4o-mini")
			.enqueue(MockResponse.ok("Hello"), MockResponse.stream("Once", " upon"),
					MockResponse.ok("{\"city\":\"Paris\",\"celsius\":21}"),
					MockResponse.json(200, ChatFixtures.TOOL_CALL_ANSWER.replace("temperature", "weather")),
					MockResponse.ok("It is 21 °C"), MockResponse.ok("Metadata"));
		mock.server().model("gpt-4o").respond(MockResponse.ok("Options"));
		this.runner.withPropertyValues("cometapi.base-url=" + mock.baseUrl()).run((context) -> {
			Examples examples = context.getBean(Examples.class);
			assertThat(examples.chat()).isEqualTo("Hello");
			assertThat(examples.story().collectList().block(Duration.ofSeconds(10))).containsExactly("Once", " upon");
			assertThat(examples.weather()).isEqualTo(new Weather("Paris", 21));
			assertThat(examples.withTools()).isEqualTo("It is 21 °C");
			assertThat(examples.metadata()).isNotNull();
			assertThat(examples.withOptions()).isEqualTo("Options");
		});
	}

	// --- README: "Spring AI" ---

	record Weather(String city, int celsius) {
	}

	static class WeatherTools {

		@Tool(description = "The current temperature in a city, in °C")
		int weather(String city) {
			return 21;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AiConfiguration {

		@Bean
		ChatClient cometChatClient(@Qualifier("cometChatModel") ChatModel cometChatModel) {
			return ChatClient.builder(cometChatModel).build();
		}

		@Bean
		Examples examples(ChatClient cometChatClient, CometChatModel cometChatModel) {
			return new Examples(cometChatClient, cometChatModel);
		}

	}

	record Examples(ChatClient chatClient, CometChatModel cometChatModel) {

		String chat() {
			return this.chatClient.prompt().user("Say hello").call().content();
		}

		Flux<String> story() {
			return this.chatClient.prompt().user("Tell me a story").stream().content();
		}

		Weather weather() {
			return this.chatClient.prompt().user("Weather in Paris?").call().entity(Weather.class);
		}

		String withTools() {
			return this.chatClient.prompt().user("How warm is Paris?").tools(new WeatherTools()).call().content();
		}

		CallResult metadata() {
			ChatResponse response = this.chatClient.prompt().user("Hi").call().chatResponse();
			ChatResponseMetadata metadata = response.getMetadata();
			String servedModel = metadata.getModel();
			Integer totalTokens = metadata.getUsage().getTotalTokens();
			String requestId = metadata.get(CometMetadata.REQUEST_ID);
			BigDecimal cost = metadata.get(CometMetadata.ESTIMATED_COST);
			CallResult call = metadata.get(CometMetadata.CALL_RESULT);
			assertThat(List.of(servedModel, totalTokens, requestId)).doesNotContainNull();
			return call;
		}

		String withOptions() {
			CometChatOptions options = CometChatOptions.builder()
				.model("gpt-4o")
				.fallbackModels("claude-sonnet-4-5")
				.temperature(0.2)
				.build();
			return this.cometChatModel.call(new Prompt("Hi", options)).getResult().getOutput().getText();
		}

	}

}
