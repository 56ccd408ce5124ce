package com.cometapi.test;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A request received by a {@link CometApiMockServer}, recorded before it was answered.
 *
 * @param method the HTTP method
 * @param path the path, without the query string
 * @param headers the request headers, names in lower case (repeated headers joined with
 * {@code ", "})
 * @param model the {@code "model"} of the JSON body, or {@code null}
 * @param body the body as text ({@code ""} when there is none)
 * @param requestId the request id the server answered with (header
 * {@code X-Oneapi-Request-Id})
 * @param receivedAt when the request arrived
 */
public record RecordedRequest(String method, String path, Map<String, String> headers, String model, String body,
		String requestId, Instant receivedAt) {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	/**
	 * Create a recorded request; the headers are copied.
	 * @param method the HTTP method
	 * @param path the path
	 * @param headers the headers, names in lower case
	 * @param model the model or {@code null}
	 * @param body the body
	 * @param requestId the request id
	 * @param receivedAt the arrival time
	 */
	public RecordedRequest {
		headers = Map.copyOf(headers);
		body = (body != null) ? body : "";
	}

	/**
	 * Return a header value, looked up case-insensitively.
	 * @param name the header name
	 * @return the value or {@code null}
	 */
	public String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

	/**
	 * Return the body parsed as JSON.
	 * @return the JSON tree, or a {@link MissingNode} when the body is empty or not JSON
	 */
	public JsonNode json() {
		if (this.body.isBlank()) {
			return MissingNode.getInstance();
		}
		try {
			JsonNode node = MAPPER.readTree(this.body);
			return (node != null) ? node : MissingNode.getInstance();
		}
		catch (JsonProcessingException ex) {
			return MissingNode.getInstance();
		}
	}

}
