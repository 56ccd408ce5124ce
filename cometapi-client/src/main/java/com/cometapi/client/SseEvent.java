package com.cometapi.client;

/**
 * One server-sent event: its {@code event:} name and its {@code data:} lines joined by
 * newlines.
 *
 * @param event the event name, or {@code null} for the default ({@code message})
 * @param data the data, never {@code null}
 * @author CometAPI team
 */
record SseEvent(String event, String data) {

	static final String DONE = "[DONE]";

	boolean isDone() {
		return DONE.equals(this.data.strip());
	}

	boolean isError() {
		return "error".equals(this.event);
	}

}
