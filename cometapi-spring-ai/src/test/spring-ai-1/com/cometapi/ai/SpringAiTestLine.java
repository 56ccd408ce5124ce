package com.cometapi.ai;

import org.springframework.ai.chat.client.ChatClient;

/**
 * What differs between the Spring AI lines in the bridge's tests (1.1 line): options go
 * to {@code ChatClient} built.
 */
final class SpringAiTestLine {

	private SpringAiTestLine() {
	}

	static ChatClient.ChatClientRequestSpec options(ChatClient.ChatClientRequestSpec spec, CometChatOptions options) {
		return spec.options(options);
	}

	static ChatClient.Builder defaultOptions(ChatClient.Builder builder, CometChatOptions options) {
		return builder.defaultOptions(options);
	}

}
