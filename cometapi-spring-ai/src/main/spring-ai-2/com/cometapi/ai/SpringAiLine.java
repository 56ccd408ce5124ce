package com.cometapi.ai;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;

/**
 * What differs between the Spring AI lines in {@link CometChatModel} (2.0 line).
 *
 * @author CometAPI team
 */
final class SpringAiLine {

	private SpringAiLine() {
	}

	/**
	 * Return the options a call uses: the model's, with the prompt's laid over them (also
	 * when the prompt's are {@link CometChatOptions}: their unset fields keep the model's
	 * values).
	 * @param defaults the model's options
	 * @param requested the prompt's options, or {@code null}
	 * @return the options
	 */
	static CometChatOptions merge(CometChatOptions defaults, ChatOptions requested) {
		return defaults.mutate().combine(requested).build();
	}

	/**
	 * Whether the model runs the tools the answer calls for. In Spring AI 2.0 it does not:
	 * {@code ChatClient}'s {@code ToolCallingAdvisor} does.
	 * @param options the call's options
	 * @param response the answer
	 * @return {@code false}
	 */
	static boolean runsTools(ChatOptions options, ChatResponse response) {
		return false;
	}

}
