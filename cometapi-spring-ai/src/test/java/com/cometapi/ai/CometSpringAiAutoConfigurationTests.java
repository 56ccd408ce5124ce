package com.cometapi.ai;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.cometapi.autoconfigure.CometApiAutoConfiguration;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link CometSpringAiAutoConfiguration}.
 */
class CometSpringAiAutoConfigurationTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CometApiAutoConfiguration.class, CometSpringAiAutoConfiguration.class))
		.withPropertyValues("cometapi.api-key=test-key", "cometapi.catalog.validate=off",
				"cometapi.models=gpt-4o,claude-sonnet-4-5");

	@Test
	void definesTheChatAndEmbeddingModels() {
		this.runner.withPropertyValues("cometapi.base-url=" + mock.baseUrl()).run((context) -> {
			assertThat(context).hasSingleBean(ChatModel.class);
			assertThat(context).hasBean("cometChatModel");
			assertThat(context.getBean(ChatModel.class)).isInstanceOf(CometChatModel.class);
			assertThat(context).hasSingleBean(EmbeddingModel.class);
			assertThat(context).hasBean("cometEmbeddingModel");
			mock.server().model("gpt-4o").respond(MockResponse.ok("Hello"));
			ChatClient client = ChatClient.builder(context.getBean(ChatModel.class)).build();
			assertThat(client.prompt().user("Hi").call().content()).isEqualTo("Hello");
		});
	}

	@Test
	void takesItsToolLimitsFromProperties() {
		this.runner
			.withPropertyValues("cometapi.base-url=" + mock.baseUrl(), "cometapi.spring-ai.chat.max-tool-rounds=4",
					"cometapi.spring-ai.chat.max-tool-calls-per-answer=16")
			.run((context) -> {
				CometChatModel model = context.getBean(CometChatModel.class);
				assertThat(model.getMaxToolRounds()).isEqualTo(4);
				assertThat(model.getMaxToolCallsPerAnswer()).isEqualTo(16);
			});
	}

	@Test
	void hasBoundedToolLimitsByDefault() {
		this.runner.withPropertyValues("cometapi.base-url=" + mock.baseUrl()).run((context) -> {
			CometChatModel model = context.getBean(CometChatModel.class);
			assertThat(model.getMaxToolRounds()).isEqualTo(10);
			assertThat(model.getMaxToolCallsPerAnswer()).isEqualTo(64);
		});
	}

	@Test
	void failsAtStartUpOnANegativeToolRoundLimit() {
		this.runner
			.withPropertyValues("cometapi.base-url=" + mock.baseUrl(), "cometapi.spring-ai.chat.max-tool-rounds=-1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("cometapi.spring-ai.chat.max-tool-rounds")
				.hasMessageContaining("must be at least 0"));
	}

	@Test
	void failsAtStartUpOnAToolCallLimitBelowOne() {
		this.runner
			.withPropertyValues("cometapi.base-url=" + mock.baseUrl(),
					"cometapi.spring-ai.chat.max-tool-calls-per-answer=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("cometapi.spring-ai.chat.max-tool-calls-per-answer")
				.hasMessageContaining("must be at least 1"));
	}

	@Test
	void takesItsDefaultOptionsFromProperties() {
		this.runner
			.withPropertyValues("cometapi.base-url=" + mock.baseUrl(), "cometapi.spring-ai.chat.model=gpt-4o-mini",
					"cometapi.spring-ai.chat.fallback-models=deepseek-chat", "cometapi.spring-ai.chat.temperature=0.3",
					"cometapi.spring-ai.embedding.model=text-embedding-3-large")
			.run((context) -> {
				CometChatOptions options = context.getBean(CometChatModel.class).getOptions();
				assertThat(options.getModel()).isEqualTo("gpt-4o-mini");
				assertThat(options.getFallbackModels()).containsExactly("deepseek-chat");
				assertThat(options.getTemperature()).isEqualTo(0.3);
				mock.server().model("gpt-4o-mini").respond(MockResponse.noAvailableChannel());
				ChatResponse response = context.getBean(CometChatModel.class).call(new Prompt("Hi"));
				assertThat(response.getMetadata().getModel()).isEqualTo("deepseek-chat");
			});
	}

	@Test
	void coexistsWithAnotherChatModel() {
		this.runner.withUserConfiguration(OtherChatModelConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(ChatModel.class)).containsOnlyKeys("otherChatModel", "cometChatModel");
			assertThat(context.getBean(Consumer.class).chatModel).isInstanceOf(CometChatModel.class);
		});
	}

	@Test
	void backsOffForABeanOfTheSameName() {
		this.runner.withUserConfiguration(OwnCometChatModelConfiguration.class).run((context) -> {
			assertThat(context.getBeansOfType(ChatModel.class)).containsOnlyKeys("cometChatModel");
			assertThat(context.getBean("cometChatModel")).isNotInstanceOf(CometChatModel.class);
		});
	}

	@Test
	void canBeSwitchedOff() {
		this.runner
			.withPropertyValues("cometapi.spring-ai.chat.enabled=false", "cometapi.spring-ai.embedding.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ChatModel.class);
				assertThat(context).doesNotHaveBean(EmbeddingModel.class);
			});
	}

	@Test
	void isAbsentWithoutSpringAi() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.ai")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean("cometChatModel");
			assertThat(context).doesNotHaveBean("cometEmbeddingModel");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OtherChatModelConfiguration {

		@Bean
		ChatModel otherChatModel() {
			return (prompt) -> null;
		}

		@Bean
		Consumer consumer(@Qualifier("cometChatModel") ChatModel chatModel) {
			return new Consumer(chatModel);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnCometChatModelConfiguration {

		@Bean
		ChatModel cometChatModel() {
			return (prompt) -> null;
		}

	}

	record Consumer(ChatModel chatModel) {
	}

}
