package com.cometapi.client.error;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.HttpHeaders;

/**
 * Turns a failed exchange into the typed {@link CometApiException} that names it, with
 * the decision of a {@link CometErrorClassifier}. Copes with any body: CometAPI's error
 * envelope, a provider's relayed error, an HTML page or nothing at all.
 * <p>
 * Public only so that the template's package and the spring-retry support can share it;
 * it reads the classifier's package-private decision table, so it stays beside it. Not
 * part of the documented API: no compatibility promise.
 *
 * @author CometAPI team
 */
public final class CometExceptionFactory {

	/**
	 * Response header in which CometAPI's gateway sends the request id.
	 */
	public static final String REQUEST_ID_HEADER = "X-Oneapi-Request-Id";

	private static final int EXCERPT_BYTES = 1024;

	private static final int MAX_MESSAGE_CHARS = 1000;

	private static final int MAX_MODEL_CHARS = 200;

	private static final Pattern REQUEST_ID_IN_MESSAGE = Pattern.compile("\\(request id: ([A-Za-z0-9]+)\\)");

	private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9]{1,18}(\\.[0-9]{1,9})?");

	private static final ObjectMapper ENVELOPE_READER = new ObjectMapper();

	private final CometErrorClassifier classifier;

	/**
	 * Create a factory that asks the given classifier for each decision.
	 * @param classifier the classifier
	 */
	public CometExceptionFactory(CometErrorClassifier classifier) {
		this.classifier = classifier;
	}

	/**
	 * Return the classifier this factory asks.
	 * @return the classifier
	 */
	public CometErrorClassifier getClassifier() {
		return this.classifier;
	}

	/**
	 * Create the exception for a response whose status is not a success.
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param body the response body, possibly empty
	 * @param model the model the attempt asked for
	 * @return the exception
	 */
	public CometApiException fromResponse(int status, HttpHeaders headers, byte[] body, String model) {
		CometError error = readError(status, headers, body, model);
		return fromError(error,
				"CometAPI answered " + status + describeCode(error) + forModel(model) + ": " + error.message());
	}

	/**
	 * Create the exception for an error that came with a successful status: a 2xx body,
	 * or a stream event before the first chunk, that holds an error object. It is
	 * classified as the HTTP error its type and code name would be, so its status is the
	 * one they imply: the numeric code when it is an HTTP error status, else 429 for a
	 * rate limit or an exhausted quota, 503 for a model without a route, 403 for a model
	 * not allowed or a permission error, 401 for a bad key, 400 for an invalid request,
	 * and 500 for anything else.
	 * @param status the HTTP status the error came with
	 * @param headers the response headers
	 * @param body the error, as received
	 * @param model the model the attempt asked for
	 * @return the exception
	 */
	public CometApiException fromInBandError(int status, HttpHeaders headers, byte[] body, String model) {
		CometError received = readError(status, headers, body, model);
		CometError error = new CometError(impliedStatus(received), received.type(), received.code(), received.message(),
				received.requestId(), model, received.bodyExcerpt(), received.retryAfterMillis());
		return fromError(error, "CometAPI answered " + status + " with an error" + describeCode(error) + forModel(model)
				+ ": " + error.message());
	}

	/**
	 * Whether a body is a JSON object that holds an {@code error} object or message, as
	 * an error envelope does.
	 * @param body the body, possibly {@code null}
	 * @return whether it holds an error
	 */
	public static boolean holdsError(byte[] body) {
		if (body == null || firstNonBlank(body) != '{') {
			return false;
		}
		try {
			JsonNode error = ENVELOPE_READER.readTree(body).get("error");
			return error != null && (error.isObject() || error.isTextual());
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static int impliedStatus(CometError error) {
		int numeric = httpStatusIn(error.code());
		if (numeric != 0) {
			return numeric;
		}
		if (DefaultCometErrorClassifier.isQuotaExhausted(error) || error.typeOrCodeContains("rate_limit")
				|| error.messageContains("rate limit")) {
			return 429;
		}
		if (DefaultCometErrorClassifier.isModelNotFound(error) || error.messageContains("no available channel")) {
			return 503;
		}
		if (DefaultCometErrorClassifier.isModelNotAllowed(error) || error.typeOrCodeContains("permission")) {
			return 403;
		}
		if (error.typeOrCodeContains("invalid_api_key") || error.typeOrCodeContains("authentication")) {
			return 401;
		}
		if (error.typeOrCodeContains("invalid_request")) {
			return 400;
		}
		return 500;
	}

	private static int httpStatusIn(String code) {
		if (code == null || code.length() != 3) {
			return 0;
		}
		try {
			int status = Integer.parseInt(code);
			return (status >= 400 && status <= 599) ? status : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private CometApiException fromError(CometError error, String message) {
		CometErrorDecision decision = this.classifier.classify(CometFailureKind.HTTP_STATUS, error);
		return switch (error.status()) {
			case 401 -> new CometAuthenticationException(message, error, decision, null);
			case 403 -> (decision == CometErrorDecision.NEXT_MODEL)
					? new CometModelUnavailableException(message, error, decision, null)
					: new CometPermissionException(message, error, decision, null);
			case 429 -> DefaultCometErrorClassifier.isQuotaExhausted(error)
					? new CometQuotaExceededException(message, error, decision, null)
					: new CometRateLimitException(message, error, decision, null);
			default -> fromOtherStatus(message, error, decision);
		};
	}

	private CometApiException fromOtherStatus(String message, CometError error, CometErrorDecision decision) {
		int status = error.status();
		if ((status == 404 || status >= 500) && decision == CometErrorDecision.NEXT_MODEL) {
			return new CometModelUnavailableException(message, error, decision, null);
		}
		if (status >= 500 && !(status == 500 && error.typeOrCodeContains("invalid_request"))) {
			return new CometServerException(message, error, decision, null);
		}
		return new CometBadRequestException(message, error, decision, null);
	}

	/**
	 * Create the exception for a successful status whose body could not be read.
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param body the response body as received
	 * @param model the model the attempt asked for
	 * @param cause the parse failure
	 * @return the exception
	 */
	public CometApiException malformedResponse(int status, HttpHeaders headers, byte[] body, String model,
			Throwable cause) {
		CometError error = new CometError(status, null, null, "unreadable response body", requestIdHeader(headers),
				model, excerpt(body), -1);
		CometErrorDecision decision = this.classifier.classify(CometFailureKind.MALFORMED_RESPONSE, error);
		String message = "CometAPI answered " + status + forModel(model) + " with a body that is not a "
				+ "valid response" + ((error.requestId() != null) ? " (request id: " + error.requestId() + ")" : "")
				+ ": " + error.bodyExcerpt();
		return new CometMalformedResponseException(message, error, decision, cause);
	}

	/**
	 * Create the exception for a response whose body, or whose stream, came to more than
	 * {@code cometapi.max-response-size}. It fails the call: the same request would be as
	 * large again.
	 * @param status the HTTP status, or {@code 0} when unknown
	 * @param headers the response headers, or {@code null}
	 * @param model the model the attempt asked for
	 * @param limitBytes the limit, in bytes
	 * @param cause the failure that noticed the size, or {@code null}
	 * @return the exception
	 */
	public CometApiException responseTooLarge(int status, HttpHeaders headers, String model, long limitBytes,
			Throwable cause) {
		String requestId = requestIdHeader(headers);
		String description = "body larger than cometapi.max-response-size (" + limitBytes + " bytes)";
		CometError error = new CometError(status, null, null, description, requestId, model, null, -1);
		String message = "CometAPI answered " + status + forModel(model) + " with a " + description
				+ ((requestId != null) ? " (request id: " + requestId + ")" : "");
		return new CometResponseTooLargeException(message, error, limitBytes, cause);
	}

	/**
	 * Create the exception for an attempt that got no response.
	 * @param kind {@link CometFailureKind#TIMEOUT} or {@link CometFailureKind#CONNECTION}
	 * @param description what happened, without secrets
	 * @param model the model the attempt asked for
	 * @param cause the underlying failure
	 * @return the exception
	 */
	public CometApiException noResponse(CometFailureKind kind, String description, String model, Throwable cause) {
		CometError error = CometError.noResponse(description, model);
		CometErrorDecision decision = this.classifier.classify(kind, error);
		String message = "CometAPI call to model " + LogSafe.escape(model, MAX_MODEL_CHARS) + " failed: " + description;
		return (kind == CometFailureKind.TIMEOUT) ? new CometTimeoutException(message, error, decision, cause)
				: new CometConnectionException(message, error, decision, cause);
	}

	/**
	 * Create the exception for an attempt whose connection failed while its response was
	 * read, after the status line: the server had answered, so the failure is not
	 * {@link CometConnectionException#isBeforeResponse() before the response}.
	 * @param description what happened, without secrets
	 * @param model the model the attempt asked for
	 * @param cause the underlying failure
	 * @return the exception
	 */
	public CometApiException brokenResponse(String description, String model, Throwable cause) {
		CometError error = CometError.noResponse(description, model);
		CometErrorDecision decision = this.classifier.classify(CometFailureKind.CONNECTION, error);
		String message = "CometAPI call to model " + LogSafe.escape(model, MAX_MODEL_CHARS) + " failed: " + description;
		return new CometConnectionException(message, error, decision, cause, false);
	}

	private static String forModel(String model) {
		return (model != null) ? " for model " + LogSafe.escape(model, MAX_MODEL_CHARS) : "";
	}

	private static String describeCode(CometError error) {
		String code = (error.code() != null) ? error.code() : error.type();
		return (code != null) ? " " + code : "";
	}

	static CometError readError(int status, HttpHeaders headers, byte[] body, String model) {
		String excerpt = excerpt(body);
		String type = null;
		String code = null;
		String message = null;
		JsonNode envelope = readEnvelope(body);
		if (envelope != null) {
			type = bounded(text(envelope.get("type")));
			code = bounded(text(envelope.get("code")));
			message = text(envelope.get("message"));
		}
		if (message == null) {
			message = (excerpt != null && !excerpt.isBlank()) ? firstLine(excerpt) : "empty body";
		}
		String requestId = requestIdHeader(headers);
		if (requestId == null) {
			requestId = lastRequestIdIn(message);
		}
		return new CometError(status, type, code, LogSafe.escape(message, MAX_MESSAGE_CHARS), requestId, model, excerpt,
				retryAfterMillis(headers));
	}

	private static JsonNode readEnvelope(byte[] body) {
		if (body == null || body.length == 0 || firstNonBlank(body) != '{') {
			return null;
		}
		try {
			JsonNode root = ENVELOPE_READER.readTree(body);
			JsonNode error = root.get("error");
			if (error != null && error.isObject()) {
				return error;
			}
			return (error != null && error.isTextual())
					? ENVELOPE_READER.createObjectNode().put("message", error.asText()) : root;
		}
		catch (Exception ex) {
			return null;
		}
	}

	private static int firstNonBlank(byte[] body) {
		for (byte b : body) {
			if (!Character.isWhitespace(b)) {
				return b;
			}
		}
		return -1;
	}

	private static String text(JsonNode node) {
		if (node == null || node.isNull() || node.isContainerNode()) {
			return null;
		}
		String text = node.asText();
		return text.isEmpty() ? null : text;
	}

	private static String bounded(String typeOrCode) {
		return (typeOrCode != null) ? LogSafe.escape(typeOrCode, MAX_MODEL_CHARS) : null;
	}

	private static String firstLine(String text) {
		String trimmed = text.strip();
		int newline = trimmed.indexOf('\n');
		String line = (newline < 0) ? trimmed : trimmed.substring(0, newline);
		return (line.length() > 200) ? line.substring(0, 200) + "…" : line;
	}

	/**
	 * Return the first kilobyte of a body as text.
	 * @param body the body, possibly {@code null}
	 * @return the excerpt, or {@code null} for no body
	 */
	public static String excerpt(byte[] body) {
		if (body == null || body.length == 0) {
			return null;
		}
		return new String(body, 0, Math.min(body.length, EXCERPT_BYTES), StandardCharsets.UTF_8);
	}

	/**
	 * Return the request id sent in the response header, if any.
	 * @param headers the response headers
	 * @return the request id, or {@code null}
	 */
	public static String requestIdHeader(HttpHeaders headers) {
		String value = (headers != null) ? headers.getFirst(REQUEST_ID_HEADER) : null;
		return (value != null && !value.isBlank()) ? value.strip() : null;
	}

	/**
	 * Return the last {@code (request id: X)} in a message: behind chained gateways the
	 * last one is CometAPI's.
	 * @param message the message, possibly {@code null}
	 * @return the request id, or {@code null}
	 */
	public static String lastRequestIdIn(String message) {
		if (message == null) {
			return null;
		}
		Matcher matcher = REQUEST_ID_IN_MESSAGE.matcher(message);
		String last = null;
		while (matcher.find()) {
			last = matcher.group(1);
		}
		return last;
	}

	/**
	 * Return the delay the server asked for, from {@code retry-after-ms} or
	 * {@code Retry-After} (seconds or an HTTP date). A value that is negative, not a
	 * finite number or not a date is ignored, as if the header were absent; a date in the
	 * past means now.
	 * @param headers the response headers
	 * @return the delay in milliseconds, or {@code -1} when none was asked for
	 */
	public static long retryAfterMillis(HttpHeaders headers) {
		if (headers == null) {
			return -1;
		}
		long millis = millis(headers.getFirst("retry-after-ms"), 1);
		if (millis >= 0) {
			return millis;
		}
		String retryAfter = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (retryAfter == null || retryAfter.isBlank()) {
			return -1;
		}
		long seconds = millis(retryAfter, 1000);
		if (seconds >= 0 || isNumber(retryAfter)) {
			return seconds;
		}
		try {
			Instant until = ZonedDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			return Math.max(0, Duration.between(Instant.now(), until).toMillis());
		}
		catch (DateTimeParseException | ArithmeticException ex) {
			return -1;
		}
	}

	private static long millis(String value, double unitMillis) {
		if (value == null || !isNumber(value)) {
			return -1;
		}
		double millis = Double.parseDouble(value.strip()) * unitMillis;
		return (millis >= 0 && Double.isFinite(millis)) ? (long) Math.min(millis, Long.MAX_VALUE / 2) : -1;
	}

	private static boolean isNumber(String value) {
		return NUMBER.matcher(value.strip()).matches();
	}

}
