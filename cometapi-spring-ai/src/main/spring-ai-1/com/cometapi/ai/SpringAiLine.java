package com.cometapi.ai;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.DefaultToolExecutionEligibilityPredicate;
import org.springframework.ai.model.tool.ToolExecutionEligibilityPredicate;

/**
 * What differs between the Spring AI lines in {@link CometChatModel} (1.1 line).
 *
 * @author CometAPI team
 */
final class SpringAiLine {

	private static final ToolExecutionEligibilityPredicate ELIGIBILITY = new DefaultToolExecutionEligibilityPredicate();

	private SpringAiLine() {
	}

	/**
	 * Return the options a call uses: the model's, with the prompt's laid over them.
	 * {@code ChatClient} passes either a copy of the model's own options completed with
	 * the request's tools, or the options given to {@code ChatClient.options(..)} /
	 * {@code defaultOptions(..)}, which replace the model's; laying either over the
	 * model's keeps the defaults they leave unset.
	 * @param defaults the model's options
	 * @param requested the prompt's options, or {@code null}
	 * @return the options
	 */
	static CometChatOptions merge(CometChatOptions defaults, ChatOptions requested) {
		return defaults.mutate().combine(requested).build();
	}

	/**
	 * Whether the model runs the tools the answer calls for: in Spring AI 1.1 it does,
	 * unless the options switch internal tool execution off.
	 * @param options the call's options
	 * @param response the answer
	 * @return whether to run the tools and call the model again
	 */
	static boolean runsTools(ChatOptions options, ChatResponse response) {
		return ELIGIBILITY.isToolExecutionRequired(options, response);
	}

}
