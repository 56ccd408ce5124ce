package com.cometapi.ai;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the Spring AI bridge ({@code cometapi.spring-ai.*}). The client under
 * it (key, models, routes, retry, limits) is configured by {@code cometapi.*} as usual.
 *
 * @author CometAPI team
 */
@ConfigurationProperties("cometapi.spring-ai")
public class CometSpringAiProperties {

	private final Chat chat = new Chat();

	private final Embedding embedding = new Embedding();

	public Chat getChat() {
		return this.chat;
	}

	public Embedding getEmbedding() {
		return this.embedding;
	}

	/**
	 * The {@code cometChatModel} bean's default options.
	 */
	public static class Chat {

		/**
		 * Whether to define the cometChatModel bean.
		 */
		private boolean enabled = true;

		/**
		 * The model to call first; empty for the models of cometapi.models (or of the
		 * route).
		 */
		private String model;

		/**
		 * The models to try after the model, in order.
		 */
		private List<String> fallbackModels = new ArrayList<>();

		/**
		 * The route (cometapi.routes.<name>) to call through; empty for the default one.
		 */
		private String route;

		/**
		 * The sampling temperature.
		 */
		private Double temperature;

		/**
		 * The most tokens to generate.
		 */
		private Integer maxTokens;

		/**
		 * The most tool rounds (answers with tool calls whose results are sent back) of
		 * one call, counted since the conversation's last user message; the answer that
		 * asks for one more fails with a CometToolRoundsExceededException. At least 0.
		 */
		private int maxToolRounds = CometChatModel.DEFAULT_MAX_TOOL_ROUNDS;

		/**
		 * The most tool calls one answer may make; an answer with more fails with a
		 * CometToolCallException and none of its tools run. At least 1.
		 */
		private int maxToolCallsPerAnswer = CometChatModel.DEFAULT_MAX_TOOL_CALLS_PER_ANSWER;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

		public List<String> getFallbackModels() {
			return this.fallbackModels;
		}

		public void setFallbackModels(List<String> fallbackModels) {
			this.fallbackModels = fallbackModels;
		}

		public String getRoute() {
			return this.route;
		}

		public void setRoute(String route) {
			this.route = route;
		}

		public Double getTemperature() {
			return this.temperature;
		}

		public void setTemperature(Double temperature) {
			this.temperature = temperature;
		}

		public Integer getMaxTokens() {
			return this.maxTokens;
		}

		public void setMaxTokens(Integer maxTokens) {
			this.maxTokens = maxTokens;
		}

		public int getMaxToolRounds() {
			return this.maxToolRounds;
		}

		public void setMaxToolRounds(int maxToolRounds) {
			this.maxToolRounds = maxToolRounds;
		}

		public int getMaxToolCallsPerAnswer() {
			return this.maxToolCallsPerAnswer;
		}

		public void setMaxToolCallsPerAnswer(int maxToolCallsPerAnswer) {
			this.maxToolCallsPerAnswer = maxToolCallsPerAnswer;
		}

	}

	/**
	 * The {@code cometEmbeddingModel} bean's defaults.
	 */
	public static class Embedding {

		/**
		 * Whether to define the cometEmbeddingModel bean.
		 */
		private boolean enabled = true;

		/**
		 * The embedding model.
		 */
		private String model = CometEmbeddingModel.DEFAULT_MODEL;

		/**
		 * The dimensions of the vectors; empty for the model's.
		 */
		private Integer dimensions;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

		public Integer getDimensions() {
			return this.dimensions;
		}

		public void setDimensions(Integer dimensions) {
			this.dimensions = dimensions;
		}

	}

}
