package com.cometapi.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.cometapi.client.error.LogSafe;
import com.cometapi.client.wire.CallResult;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatMessage;
import com.cometapi.client.wire.ChatRequest;

/**
 * Logs prompt and completion text at DEBUG, for templates built with
 * {@link CometTemplate.Builder#logContent(boolean) logContent(true)} only. Prompts and
 * answers can hold personal data: off by default, and never at a level above DEBUG.
 *
 * @author CometAPI team
 */
final class CometContentLogger {

	private static final Logger logger = LoggerFactory.getLogger(CometContentLogger.class);

	private static final int MAX_TEXT = 64 * 1024;

	private CometContentLogger() {
	}

	static boolean isEnabled(boolean logContent) {
		return logContent && logger.isDebugEnabled();
	}

	static void logRequest(String operation, ChatRequest request) {
		StringBuilder messages = new StringBuilder("[");
		if (request.messages() != null) {
			for (ChatMessage message : request.messages()) {
				if (messages.length() > 1) {
					messages.append(", ");
				}
				messages.append(LogSafe.escape(message.role()))
					.append(": ")
					.append(LogSafe.escape(message.text(), MAX_TEXT));
			}
		}
		logger.debug("CometAPI {} request: model={} messages={}", operation, LogSafe.escape(request.model()),
				messages.append(']'));
	}

	static void logCompletion(String operation, ChatCompletion completion) {
		CallResult result = completion.callResult();
		String requestId = (result != null) ? result.requestId() : null;
		String model = (result != null) ? result.servedModel() : completion.model();
		try (CometLogContext log = CometLogContext.open(requestId, model)) {
			logger.debug("CometAPI {} completion: model={} request_id={} content: {}", operation, LogSafe.escape(model),
					LogSafe.escape(requestId), LogSafe.escape(completion.content(), MAX_TEXT));
		}
	}

}
