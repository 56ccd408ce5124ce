package com.cometapi.test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One scripted answer of a {@link CometApiMockServer}. Immutable: every {@code with}
 * style method ({@link #header}, {@link #delay}, {@link #usage}, {@link #keepAlives},
 * ...) returns a new instance, so responses can be kept in constants and shared between
 * tests and threads.
 * <p>
 * There are four families:
 * <ul>
 * <li>successful answers ({@link #ok()}, {@link #ok(String)}, {@link #stream(String...)})
 * that adapt to the request: a chat completion, an embeddings list, or a server-sent
 * event stream when the chat request has {@code "stream": true};</li>
 * <li>verbatim answers ({@link #json(int, String)}, {@link #raw(int, String, String)});
 * </li>
 * <li>the outcomes of CometAPI's error decision table ({@link #badRequest()},
 * {@link #rateLimited()}, {@link #noAvailableChannel()}, ...), whose bodies use
 * CometAPI's error envelope with the message ending in {@code " (request id: <id>)"};
 * </li>
 * <li>faults ({@link #connectionReset()}, {@link #truncatedBody()},
 * {@link #malformedJson()}).</li>
 * </ul>
 */
public final class MockResponse {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private static final int DEFAULT_PROMPT_TOKENS = 11;

	private static final int DEFAULT_COMPLETION_TOKENS = 7;

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

	private static final String BAD_GATEWAY_HTML = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n"
			+ "<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

	private static final String ORIGIN_TIMEOUT_HTML = "<!DOCTYPE html>\n<html lang=\"en-US\">\n<head>\n"
			+ "<title>api.cometapi.com | 524: A timeout occurred</title>\n</head>\n<body>\n"
			+ "<div id=\"cf-wrapper\"><h1><span class=\"inline-block\">A timeout occurred</span>"
			+ " <span class=\"code-label\">Error code 524</span></h1>\n"
			+ "<p>The origin web server timed out responding to this request.</p>\n"
			+ "<p>Cloudflare Ray ID: <strong class=\"font-semibold\">8f1e2d3c4b5a6978</strong></p></div>\n"
			+ "</body>\n</html>\n";

	enum Kind {

		/** Chat completion, embeddings or SSE stream, depending on the request. */
		SUCCESS,

		/** A fixed status and body (the body may mention the model and request id). */
		FIXED,

		/** Close the connection before any response byte. */
		CONNECTION_RESET,

		/** 200 with a body cut in the middle, then the connection is closed. */
		TRUNCATED

	}

	/**
	 * Renders a body from the requested model and the request id.
	 */
	@FunctionalInterface
	interface Body {

		String render(String model, String requestId);

	}

	private final Kind kind;

	private final int status;

	private final String contentType;

	private final Body body;

	private final List<Map.Entry<String, String>> headers;

	private final Duration delay;

	private final String content;

	private final List<String> deltas;

	private final int promptTokens;

	private final int completionTokens;

	private final int keepAlives;

	private final int stallAfter;

	private final int errorAfter;

	private final int eventErrorAfter;

	private final boolean withoutDone;

	private final Duration chunkDelay;

	private MockResponse(Builder builder) {
		this.kind = builder.kind;
		this.status = builder.status;
		this.contentType = builder.contentType;
		this.body = builder.body;
		this.headers = Collections.unmodifiableList(new ArrayList<>(builder.headers));
		this.delay = builder.delay;
		this.content = builder.content;
		this.deltas = builder.deltas;
		this.promptTokens = builder.promptTokens;
		this.completionTokens = builder.completionTokens;
		this.keepAlives = builder.keepAlives;
		this.stallAfter = builder.stallAfter;
		this.errorAfter = builder.errorAfter;
		this.eventErrorAfter = builder.eventErrorAfter;
		this.withoutDone = builder.withoutDone;
		this.chunkDelay = builder.chunkDelay;
	}

	// ---- successful answers

	/**
	 * A successful answer that fits the request: a 200 chat completion echoing the
	 * requested model with content {@code "Hello from <model>"} and usage prompt=11,
	 * completion=7, total=18; an embeddings list for {@code /v1/embeddings}; an SSE
	 * stream of the same content when the chat request has {@code "stream": true}.
	 * @return the response
	 */
	public static MockResponse ok() {
		return new MockResponse(new Builder(Kind.SUCCESS));
	}

	/**
	 * Like {@link #ok()} with the given assistant content (streamed as one delta per word
	 * when the request streams).
	 * @param content the assistant message content
	 * @return the response
	 */
	public static MockResponse ok(String content) {
		Builder builder = new Builder(Kind.SUCCESS);
		builder.content = Objects.requireNonNull(content, "content");
		return new MockResponse(builder);
	}

	/**
	 * A streamed answer: for a chat request with {@code "stream": true}, the role chunk,
	 * one chunk per delta, the finish chunk, the usage chunk (only when the request asks
	 * for {@code stream_options.include_usage}) and {@code data: [DONE]}. A request that
	 * does not stream gets a chat completion whose content is the concatenated deltas.
	 * @param contentDeltas the content of each content chunk
	 * @return the response
	 */
	public static MockResponse stream(String... contentDeltas) {
		Builder builder = new Builder(Kind.SUCCESS);
		builder.deltas = List.copyOf(Arrays.asList(contentDeltas));
		return new MockResponse(builder);
	}

	// ---- verbatim answers

	/**
	 * A verbatim {@code application/json} answer.
	 * @param status the HTTP status
	 * @param body the body, sent as is
	 * @return the response
	 */
	public static MockResponse json(int status, String body) {
		return raw(status, "application/json", body);
	}

	/**
	 * A verbatim answer with any content type.
	 * @param status the HTTP status
	 * @param contentType the {@code Content-Type} header value
	 * @param body the body, sent as is
	 * @return the response
	 */
	public static MockResponse raw(int status, String contentType, String body) {
		Objects.requireNonNull(body, "body");
		return fixed(status, contentType, (model, requestId) -> body);
	}

	// ---- decision-table outcomes

	/**
	 * 400 {@code "model name is required"} with an empty {@code code}.
	 * @return the response
	 */
	public static MockResponse badRequest() {
		return error(400, "", "comet_api_error", null, (model) -> "model name is required");
	}

	/**
	 * 401 {@code "Invalid token"}.
	 * @return the response
	 */
	public static MockResponse unauthorized() {
		return error(401, "", "comet_api_error", null, (model) -> "Invalid token");
	}

	/**
	 * 403 permission denied, type {@code comet_api_error}.
	 * @return the response
	 */
	public static MockResponse forbidden() {
		return error(403, "", "comet_api_error", null,
				(model) -> "permission denied: this token has no access to the requested resource");
	}

	/**
	 * 403 saying the requested model is not allowed for this token (for example
	 * {@code "model gpt-4o is not allowed for this token"}).
	 * @return the response
	 */
	public static MockResponse modelNotAllowed() {
		return error(403, "", "comet_api_error", null, (model) -> "model " + model + " is not allowed for this token");
	}

	/**
	 * 413 request body too large.
	 * @return the response
	 */
	public static MockResponse payloadTooLarge() {
		return error(413, "", "comet_api_error", null, (model) -> "request body too large");
	}

	/**
	 * 422 unprocessable request.
	 * @return the response
	 */
	public static MockResponse unprocessable() {
		return error(422, "", "comet_api_error", null,
				(model) -> "unprocessable entity: messages must contain at least one message");
	}

	/**
	 * 404 with code {@code model_not_found} and message {@code "The model `x` does not
	 * exist"} for the requested model.
	 * @return the response
	 */
	public static MockResponse modelNotFound() {
		return error(404, "model_not_found", "invalid_request_error", "model",
				(model) -> "The model `" + model + "` does not exist");
	}

	/**
	 * 429 with code {@code rate_limit_exceeded} and type {@code tokens}, without a
	 * {@code Retry-After} header (as the gateway usually answers).
	 * @return the response
	 */
	public static MockResponse rateLimited() {
		return error(429, "rate_limit_exceeded", "tokens", "",
				(model) -> "Rate limit reached for " + model + ". Please try again in 1.2s.");
	}

	/**
	 * {@link #rateLimited()} with a {@code Retry-After} header in whole seconds, rounded
	 * up.
	 * @param retryAfter the time to wait
	 * @return the response
	 */
	public static MockResponse rateLimited(Duration retryAfter) {
		long millis = retryAfter.toMillis();
		long seconds = (millis + 999) / 1000;
		return rateLimited().header("Retry-After", Long.toString(seconds));
	}

	/**
	 * {@link #rateLimited()} with a {@code retry-after-ms} header.
	 * @param retryAfterMillis the time to wait in milliseconds
	 * @return the response
	 */
	public static MockResponse rateLimitedMs(long retryAfterMillis) {
		return rateLimited().header("retry-after-ms", Long.toString(retryAfterMillis));
	}

	/**
	 * {@link #rateLimited()} with a {@code Retry-After} header holding an HTTP date.
	 * @param when the instant after which the client may retry
	 * @return the response
	 */
	public static MockResponse rateLimitedUntil(ZonedDateTime when) {
		return rateLimited().header("Retry-After", HTTP_DATE.format(when.withZoneSameInstant(ZoneOffset.UTC)));
	}

	/**
	 * 429 with type and code {@code insufficient_quota}.
	 * @return the response
	 */
	public static MockResponse insufficientQuota() {
		return error(429, "insufficient_quota", "insufficient_quota", "",
				(model) -> "You exceeded your current quota, please check your plan and billing details.");
	}

	/**
	 * 500 with code {@code invalid_request}, {@code "field messages is required"}: a
	 * malformed request reported as a server error.
	 * @return the response
	 */
	public static MockResponse invalidRequest500() {
		return error(500, "invalid_request", "comet_api_error", "", (model) -> "field messages is required");
	}

	/**
	 * 500 generic server error.
	 * @return the response
	 */
	public static MockResponse serverError() {
		return error(500, "", "comet_api_error", "", (model) -> "internal server error");
	}

	/**
	 * 502 with an nginx HTML body.
	 * @return the response
	 */
	public static MockResponse badGateway() {
		return raw(502, "text/html", BAD_GATEWAY_HTML);
	}

	/**
	 * 503 generic (not {@code model_not_found}).
	 * @return the response
	 */
	public static MockResponse serviceUnavailable() {
		return error(503, "", "comet_api_error", "", (model) -> "upstream service temporarily unavailable");
	}

	/**
	 * 504 gateway timeout.
	 * @return the response
	 */
	public static MockResponse gatewayTimeout() {
		return error(504, "", "comet_api_error", "", (model) -> "upstream request timed out");
	}

	/**
	 * 503 with code {@code model_not_found}: {@code "no available channel for group
	 * default and model X (distributor)"} for the requested model.
	 * @return the response
	 */
	public static MockResponse noAvailableChannel() {
		return error(503, "model_not_found", "comet_api_error", null,
				(model) -> "no available channel for group default and model " + model + " (distributor)");
	}

	/**
	 * 524, Cloudflare's HTML page {@code "A timeout occurred"}.
	 * @return the response
	 */
	public static MockResponse originTimeout() {
		return raw(524, "text/html; charset=UTF-8", ORIGIN_TIMEOUT_HTML);
	}

	// ---- faults

	/**
	 * Close the connection (with a TCP reset) before any response byte is written.
	 * @return the response
	 */
	public static MockResponse connectionReset() {
		return new MockResponse(new Builder(Kind.CONNECTION_RESET));
	}

	/**
	 * 200 {@code application/json} whose {@code Content-Length} announces the whole chat
	 * completion but only its first half is written before the connection is closed.
	 * @return the response
	 */
	public static MockResponse truncatedBody() {
		return new MockResponse(new Builder(Kind.TRUNCATED));
	}

	/**
	 * 200 {@code application/json} with the body {@code "{not json"}. @return the
	 * response
	 */
	public static MockResponse malformedJson() {
		return json(200, "{not json");
	}

	// ---- modifiers

	/**
	 * Return a copy that also sends the given header.
	 * @param name the header name
	 * @param value the header value
	 * @return a new response
	 */
	public MockResponse header(String name, String value) {
		Builder builder = toBuilder();
		builder.headers.add(Map.entry(name, value));
		return new MockResponse(builder);
	}

	/**
	 * Return a copy that waits the given time before the status line is written (without
	 * blocking the server's threads).
	 * @param delay the time to wait
	 * @return a new response
	 */
	public MockResponse delay(Duration delay) {
		Builder builder = toBuilder();
		builder.delay = requireNotNegative(delay, "delay");
		return new MockResponse(builder);
	}

	/**
	 * Return a copy that reports the given token usage (total is the sum). For embeddings
	 * only the prompt tokens are used.
	 * @param promptTokens the prompt tokens
	 * @param completionTokens the completion tokens
	 * @return a new response
	 */
	public MockResponse usage(int promptTokens, int completionTokens) {
		Builder builder = toBuilder();
		builder.promptTokens = promptTokens;
		builder.completionTokens = completionTokens;
		return new MockResponse(builder);
	}

	/**
	 * Return a copy whose stream carries {@code n} {@code ": PING"} comment lines, one
	 * after each of the first {@code n} data chunks (any left over come before
	 * {@code [DONE]}).
	 * @param n the number of keep-alive comments
	 * @return a new response
	 */
	public MockResponse keepAlives(int n) {
		Builder builder = toBuilder();
		builder.keepAlives = requireNotNegative(n, "keepAlives");
		return new MockResponse(builder);
	}

	/**
	 * Return a copy whose stream sends its first {@code chunks} data chunks (the role
	 * chunk counts as the first) and then holds the connection open, sending nothing,
	 * until the client goes away.
	 * @param chunks the number of data chunks sent before stalling
	 * @return a new response
	 */
	public MockResponse stallAfter(int chunks) {
		Builder builder = toBuilder();
		builder.stallAfter = requireNotNegative(chunks, "chunks");
		return new MockResponse(builder);
	}

	/**
	 * Return a copy whose stream sends its first {@code chunks} data chunks, then a
	 * {@code data:} line whose JSON has an {@code error} object, then ends without
	 * {@code [DONE]} and closes the connection.
	 * @param chunks the number of data chunks sent before the error
	 * @return a new response
	 */
	public MockResponse errorAfter(int chunks) {
		Builder builder = toBuilder();
		builder.errorAfter = requireNotNegative(chunks, "chunks");
		return new MockResponse(builder);
	}

	/**
	 * Return a copy whose stream sends its first {@code chunks} data chunks, then an
	 * {@code event: error} event with an error JSON, then ends without {@code [DONE]} and
	 * closes the connection.
	 * @param chunks the number of data chunks sent before the error event
	 * @return a new response
	 */
	public MockResponse eventErrorAfter(int chunks) {
		Builder builder = toBuilder();
		builder.eventErrorAfter = requireNotNegative(chunks, "chunks");
		return new MockResponse(builder);
	}

	/**
	 * Return a copy whose stream sends every chunk but ends (and closes the connection)
	 * without {@code data: [DONE]}.
	 * @return a new response
	 */
	public MockResponse withoutDone() {
		Builder builder = toBuilder();
		builder.withoutDone = true;
		return new MockResponse(builder);
	}

	/**
	 * Return a copy whose stream waits the given time between consecutive lines.
	 * @param delay the time between chunks
	 * @return a new response
	 */
	public MockResponse chunkDelay(Duration delay) {
		Builder builder = toBuilder();
		builder.chunkDelay = requireNotNegative(delay, "chunkDelay");
		return new MockResponse(builder);
	}

	@Override
	public String toString() {
		return "MockResponse[" + this.kind + ((this.kind == Kind.FIXED) ? " " + this.status : "") + "]";
	}

	// ---- package-private accessors for the server

	Kind kind() {
		return this.kind;
	}

	int status() {
		return this.status;
	}

	String contentType() {
		return this.contentType;
	}

	String renderBody(String model, String requestId) {
		return this.body.render(model, requestId);
	}

	List<Map.Entry<String, String>> headers() {
		return this.headers;
	}

	Duration delay() {
		return this.delay;
	}

	String content(String model) {
		if (this.content != null) {
			return this.content;
		}
		if (this.deltas != null) {
			return String.join("", this.deltas);
		}
		return "Hello from " + model;
	}

	List<String> deltas(String model) {
		if (this.deltas != null) {
			return this.deltas;
		}
		List<String> words = new ArrayList<>();
		String text = content(model);
		int start = 0;
		for (int i = 1; i <= text.length(); i++) {
			if (i == text.length() || text.charAt(i) == ' ') {
				words.add(text.substring(start, i));
				start = i;
			}
		}
		return words;
	}

	int promptTokens() {
		return this.promptTokens;
	}

	int completionTokens() {
		return this.completionTokens;
	}

	int keepAlives() {
		return this.keepAlives;
	}

	int stallAfter() {
		return this.stallAfter;
	}

	int errorAfter() {
		return this.errorAfter;
	}

	int eventErrorAfter() {
		return this.eventErrorAfter;
	}

	boolean endsWithoutDone() {
		return this.withoutDone;
	}

	Duration chunkDelay() {
		return this.chunkDelay;
	}

	// ---- helpers

	/**
	 * Render CometAPI's error envelope; the message ends with the request id.
	 */
	static String errorEnvelope(String message, String type, String param, String code, String requestId) {
		ObjectNode root = MAPPER.createObjectNode();
		ObjectNode error = root.putObject("error");
		error.put("message", message + " (request id: " + requestId + ")");
		error.put("type", type);
		if (param != null) {
			error.put("param", param);
		}
		error.put("code", code);
		return root.toString();
	}

	private static MockResponse error(int status, String code, String type, String param,
			Function<String, String> message) {
		return fixed(status, "application/json",
				(model, requestId) -> errorEnvelope(message.apply(model), type, param, code, requestId));
	}

	private static MockResponse fixed(int status, String contentType, Body body) {
		Builder builder = new Builder(Kind.FIXED);
		builder.status = status;
		builder.contentType = Objects.requireNonNull(contentType, "contentType");
		builder.body = body;
		return new MockResponse(builder);
	}

	private static Duration requireNotNegative(Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative");
		}
		return duration;
	}

	private static int requireNotNegative(int value, String name) {
		if (value < 0) {
			throw new IllegalArgumentException(name + " must not be negative");
		}
		return value;
	}

	private Builder toBuilder() {
		Builder builder = new Builder(this.kind);
		builder.status = this.status;
		builder.contentType = this.contentType;
		builder.body = this.body;
		builder.headers.addAll(this.headers);
		builder.delay = this.delay;
		builder.content = this.content;
		builder.deltas = this.deltas;
		builder.promptTokens = this.promptTokens;
		builder.completionTokens = this.completionTokens;
		builder.keepAlives = this.keepAlives;
		builder.stallAfter = this.stallAfter;
		builder.errorAfter = this.errorAfter;
		builder.eventErrorAfter = this.eventErrorAfter;
		builder.withoutDone = this.withoutDone;
		builder.chunkDelay = this.chunkDelay;
		return builder;
	}

	private static final class Builder {

		private final Kind kind;

		private int status = 200;

		private String contentType = "application/json";

		private Body body = (model, requestId) -> "";

		private final List<Map.Entry<String, String>> headers = new ArrayList<>();

		private Duration delay = Duration.ZERO;

		private String content;

		private List<String> deltas;

		private int promptTokens = DEFAULT_PROMPT_TOKENS;

		private int completionTokens = DEFAULT_COMPLETION_TOKENS;

		private int keepAlives;

		private int stallAfter = -1;

		private int errorAfter = -1;

		private int eventErrorAfter = -1;

		private boolean withoutDone;

		private Duration chunkDelay = Duration.ZERO;

		Builder(Kind kind) {
			this.kind = kind;
		}

	}

}
