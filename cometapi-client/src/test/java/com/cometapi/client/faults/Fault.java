package com.cometapi.client.faults;

import java.time.Duration;

import com.cometapi.client.error.CometApiException;
import com.cometapi.client.error.CometAuthenticationException;
import com.cometapi.client.error.CometBadRequestException;
import com.cometapi.client.error.CometConnectionException;
import com.cometapi.client.error.CometMalformedResponseException;
import com.cometapi.client.error.CometModelUnavailableException;
import com.cometapi.client.error.CometPermissionException;
import com.cometapi.client.error.CometQuotaExceededException;
import com.cometapi.client.error.CometRateLimitException;
import com.cometapi.client.error.CometServerException;
import com.cometapi.client.error.CometStreamException;
import com.cometapi.client.error.CometStreamTimeoutException;
import com.cometapi.client.error.CometTimeoutException;
import com.cometapi.test.MockResponse;

/**
 * One scripted answer of the fault-injection suite with what the decision table says the
 * client does with it, and the exception that names it.
 */
enum Fault {

	OK(MockResponse.ok(), Effect.SUCCESS, null),

	OK_SLIGHTLY_LATE(MockResponse.ok().delay(Duration.ofMillis(5)), Effect.SUCCESS, null),

	BAD_REQUEST(MockResponse.badRequest(), Effect.FAIL, CometBadRequestException.class),

	UNAUTHORIZED(MockResponse.unauthorized(), Effect.FAIL, CometAuthenticationException.class),

	FORBIDDEN(MockResponse.forbidden(), Effect.FAIL, CometPermissionException.class),

	MODEL_NOT_ALLOWED(MockResponse.modelNotAllowed(), Effect.NEXT_MODEL, CometModelUnavailableException.class),

	PAYLOAD_TOO_LARGE(MockResponse.payloadTooLarge(), Effect.FAIL, CometBadRequestException.class),

	UNPROCESSABLE(MockResponse.unprocessable(), Effect.FAIL, CometBadRequestException.class),

	MODEL_NOT_FOUND(MockResponse.modelNotFound(), Effect.NEXT_MODEL, CometModelUnavailableException.class),

	INSUFFICIENT_QUOTA(MockResponse.insufficientQuota(), Effect.FAIL, CometQuotaExceededException.class),

	RATE_LIMITED(MockResponse.rateLimited(), Effect.RETRY, CometRateLimitException.class),

	RATE_LIMITED_RETRY_AFTER_MS(MockResponse.rateLimitedMs(3), Effect.RETRY, CometRateLimitException.class),

	INVALID_REQUEST_500(MockResponse.invalidRequest500(), Effect.FAIL, CometBadRequestException.class),

	SERVER_ERROR(MockResponse.serverError(), Effect.RETRY, CometServerException.class),

	BAD_GATEWAY_HTML(MockResponse.badGateway(), Effect.RETRY, CometServerException.class),

	SERVICE_UNAVAILABLE(MockResponse.serviceUnavailable(), Effect.RETRY, CometServerException.class),

	GATEWAY_TIMEOUT(MockResponse.gatewayTimeout(), Effect.RETRY, CometServerException.class),

	NO_AVAILABLE_CHANNEL(MockResponse.noAvailableChannel(), Effect.NEXT_MODEL, CometModelUnavailableException.class),

	ORIGIN_TIMEOUT_HTML_524(MockResponse.originTimeout(), Effect.RETRY, CometServerException.class),

	CONNECTION_RESET(MockResponse.connectionReset(), Effect.RETRY, CometConnectionException.class),

	TRUNCATED_BODY(MockResponse.truncatedBody(), Effect.RETRY, CometConnectionException.class),

	MALFORMED_JSON(MockResponse.malformedJson(), Effect.RETRY_ONCE, CometMalformedResponseException.class),

	SLOW_FIRST_BYTE(MockResponse.ok().delay(FaultTimeouts.SLOW), Effect.RETRY, CometTimeoutException.class),

	STREAM_STALLED_BEFORE_FIRST_CHUNK(MockResponse.ok().stallAfter(0), Effect.RETRY, CometTimeoutException.class),

	STREAM_STALLED_AFTER_TWO_CHUNKS(MockResponse.ok("one two three").stallAfter(2), Effect.BROKEN,
			CometStreamTimeoutException.class),

	STREAM_ERROR_EVENT_AFTER_ONE_CHUNK(MockResponse.ok().eventErrorAfter(1), Effect.BROKEN, CometStreamException.class),

	STREAM_WITHOUT_DONE(MockResponse.ok().withoutDone(), Effect.BROKEN, CometStreamException.class);

	private final MockResponse response;

	private final Effect effect;

	private final Class<? extends CometApiException> exception;

	Fault(MockResponse response, Effect effect, Class<? extends CometApiException> exception) {
		this.response = response;
		this.effect = effect;
		this.exception = exception;
	}

	MockResponse response() {
		return this.response;
	}

	Effect effect() {
		return this.effect;
	}

	Class<? extends CometApiException> exception() {
		return this.exception;
	}

	/**
	 * What the client does after an attempt answered so.
	 */
	enum Effect {

		/** The call succeeds. */
		SUCCESS,

		/** The call fails at once. */
		FAIL,

		/** The next model is tried, without retry. */
		NEXT_MODEL,

		/** The model is retried while attempts are left, then the next model tried. */
		RETRY,

		/** Like {@link #RETRY}, but the model is tried at most twice. */
		RETRY_ONCE,

		/** A stream delivered chunks and then broke: the call fails, no retry. */
		BROKEN

	}

}
