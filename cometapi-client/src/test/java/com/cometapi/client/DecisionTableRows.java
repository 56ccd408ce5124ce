package com.cometapi.client;

import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import com.cometapi.client.error.CometAuthenticationException;
import com.cometapi.client.error.CometBadRequestException;
import com.cometapi.client.error.CometPermissionException;
import com.cometapi.client.error.CometQuotaExceededException;
import com.cometapi.test.MockResponse;

/**
 * Every row of the decision table as test arguments: the row's name, the primary model's
 * scripted answer, the requests the primary and the secondary model receive with three
 * attempts per model, and the exception the call fails with ({@code null} when the
 * secondary model serves it). Shared by the template's tests and the Spring AI bridge's,
 * which must count the same requests.
 */
public final class DecisionTableRows {

	private static final String PER_MINUTE_QUOTA = "{\"error\":{\"message\":\"Quota exceeded for quota metric "
			+ "'Generate Content API requests per minute' and limit 'GenerateContent request limit per minute' "
			+ "(request id: 20260624101512345678901AbCdEfGh)\",\"type\":\"RESOURCE_EXHAUSTED\",\"code\":429}}";

	private static final String BILLING_WORDING = "{\"error\":{\"message\":\"You exceeded your current quota, "
			+ "please check your plan and billing details. (request id: 20260624101512345678901AbCdEfGh)\","
			+ "\"type\":\"comet_api_error\",\"code\":\"\"}}";

	private DecisionTableRows() {
	}

	/**
	 * Return the rows.
	 * @return one {@code (name, answer, primaryRequests, secondaryRequests, failure)} per
	 * row
	 */
	public static Stream<Arguments> rows() {
		return Stream.of(Arguments.of("400", MockResponse.badRequest(), 1, 0, CometBadRequestException.class),
				Arguments.of("401", MockResponse.unauthorized(), 1, 0, CometAuthenticationException.class),
				Arguments.of("403", MockResponse.forbidden(), 1, 0, CometPermissionException.class),
				Arguments.of("403 model not allowed", MockResponse.modelNotAllowed(), 1, 1, null),
				Arguments.of("404 model_not_found", MockResponse.modelNotFound(), 1, 1, null),
				Arguments.of("413", MockResponse.payloadTooLarge(), 1, 0, CometBadRequestException.class),
				Arguments.of("422", MockResponse.unprocessable(), 1, 0, CometBadRequestException.class),
				Arguments.of("429", MockResponse.rateLimited(), 3, 1, null),
				Arguments.of("429 insufficient_quota", MockResponse.insufficientQuota(), 1, 0,
						CometQuotaExceededException.class),
				Arguments.of("429 per-minute provider quota", MockResponse.json(429, PER_MINUTE_QUOTA), 3, 1, null),
				Arguments.of("429 billing wording", MockResponse.json(429, BILLING_WORDING), 1, 0,
						CometQuotaExceededException.class),
				Arguments.of("500 invalid_request", MockResponse.invalidRequest500(), 1, 0,
						CometBadRequestException.class),
				Arguments.of("500", MockResponse.serverError(), 3, 1, null),
				Arguments.of("502 html", MockResponse.badGateway(), 3, 1, null),
				Arguments.of("503", MockResponse.serviceUnavailable(), 3, 1, null),
				Arguments.of("503 no available channel", MockResponse.noAvailableChannel(), 1, 1, null),
				Arguments.of("504", MockResponse.gatewayTimeout(), 3, 1, null),
				Arguments.of("524 html", MockResponse.originTimeout(), 3, 1, null),
				Arguments.of("connection reset", MockResponse.connectionReset(), 3, 1, null),
				Arguments.of("malformed 200", MockResponse.malformedJson(), 2, 1, null));
	}

}
