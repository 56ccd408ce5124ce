package com.cometapi.ai;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

import com.cometapi.client.CometTemplate;

/**
 * Auto-configuration of the Spring AI bridge: a {@code cometChatModel}
 * ({@link CometChatModel}) and a {@code cometEmbeddingModel}
 * ({@link CometEmbeddingModel}) over the application's {@link CometTemplate}, when Spring
 * AI is on the class path. Each backs off only when a bean of the same name exists, so
 * other {@link ChatModel} and {@link EmbeddingModel} beans coexist with them; neither is
 * {@code @Primary}. Spring AI's {@code RetryTemplate} is never used: retry is the
 * template's.
 *
 * @author CometAPI team
 */
@AutoConfiguration(afterName = { "com.cometapi.autoconfigure.CometApiAutoConfiguration",
		"com.cometapi.autoconfigure.CometApiObservationAutoConfiguration",
		"org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration" })
@ConditionalOnClass({ ChatModel.class, CometTemplate.class })
@ConditionalOnBean(CometTemplate.class)
@EnableConfigurationProperties(CometSpringAiProperties.class)
public class CometSpringAiAutoConfiguration {

	/**
	 * The name of the chat model bean.
	 */
	public static final String CHAT_MODEL_BEAN_NAME = "cometChatModel";

	/**
	 * The name of the embedding model bean.
	 */
	public static final String EMBEDDING_MODEL_BEAN_NAME = "cometEmbeddingModel";

	@Bean(name = CHAT_MODEL_BEAN_NAME)
	@ConditionalOnMissingBean(name = CHAT_MODEL_BEAN_NAME)
	@ConditionalOnProperty(prefix = "cometapi.spring-ai.chat", name = "enabled", matchIfMissing = true)
	CometChatModel cometChatModel(CometTemplate template, CometSpringAiProperties properties,
			ObjectProvider<ToolCallingManager> toolCallingManager) {
		CometSpringAiProperties.Chat chat = properties.getChat();
		if (chat.getMaxToolRounds() < 0) {
			throw new InvalidConfigurationPropertyValueException("cometapi.spring-ai.chat.max-tool-rounds",
					chat.getMaxToolRounds(), "must be at least 0");
		}
		if (chat.getMaxToolCallsPerAnswer() < 1) {
			throw new InvalidConfigurationPropertyValueException("cometapi.spring-ai.chat.max-tool-calls-per-answer",
					chat.getMaxToolCallsPerAnswer(), "must be at least 1");
		}
		CometChatOptions options = CometChatOptions.builder()
			.model(emptyToNull(chat.getModel()))
			.fallbackModels(chat.getFallbackModels().isEmpty() ? null : chat.getFallbackModels())
			.route(emptyToNull(chat.getRoute()))
			.temperature(chat.getTemperature())
			.maxTokens(chat.getMaxTokens())
			.build();
		return CometChatModel.builder(template)
			.defaultOptions(options)
			.toolCallingManager(toolCallingManager.getIfUnique())
			.maxToolRounds(chat.getMaxToolRounds())
			.maxToolCallsPerAnswer(chat.getMaxToolCallsPerAnswer())
			.build();
	}

	@Bean(name = EMBEDDING_MODEL_BEAN_NAME)
	@ConditionalOnMissingBean(name = EMBEDDING_MODEL_BEAN_NAME)
	@ConditionalOnProperty(prefix = "cometapi.spring-ai.embedding", name = "enabled", matchIfMissing = true)
	CometEmbeddingModel cometEmbeddingModel(CometTemplate template, CometSpringAiProperties properties) {
		CometSpringAiProperties.Embedding embedding = properties.getEmbedding();
		return new CometEmbeddingModel(template, embedding.getModel(), embedding.getDimensions());
	}

	private static String emptyToNull(String value) {
		return (value != null && !value.isBlank()) ? value : null;
	}

}
