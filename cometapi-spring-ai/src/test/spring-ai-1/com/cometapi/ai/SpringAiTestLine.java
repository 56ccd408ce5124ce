package com.cometapi.ai;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.ChatOptions;

/**
 * What differs between the Spring AI lines in the bridge's tests (1.1 line): options go
 * to {@code ChatClient} built.
 */
final class SpringAiTestLine {

	private SpringAiTestLine() {
	}

	static ChatClient.ChatClientRequestSpec options(ChatClient.ChatClientRequestSpec spec, ChatOptions options) {
		return spec.options(options);
	}

	static ChatClient.Builder defaultOptions(ChatClient.Builder builder, ChatOptions options) {
		return builder.defaultOptions(options);
	}

}
