package com.cometapi.client.error;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link CometExceptionFactory} against hostile answers.
 */
class CometExceptionFactoryTests {

	private final CometExceptionFactory factory = new CometExceptionFactory(new DefaultCometErrorClassifier());

	@Test
	void boundsAndEscapesAHostileMessageButKeepsItsRequestId() {
		String message = "\u001b[31mrate limited\r\nFAKE LOG LINE " + "x".repeat(100_000)
				+ " (request id: 20260624101512345678901AbCdEfGh)";
		String body = "{\"error\":{\"message\":\""
				+ message.replace("\u001b", "\\u001b").replace("\r", "\\r").replace("\n", "\\n") + "\",\"type\":\""
				+ "t".repeat(50_000) + "\",\"code\":\"rate_limit_exceeded\"}}";
		CometApiException ex = this.factory.fromResponse(429, new HttpHeaders(), body.getBytes(StandardCharsets.UTF_8),
				"gpt-4o");
		assertThat(ex).isInstanceOf(CometRateLimitException.class);
		assertThat(ex.getRequestId()).isEqualTo("20260624101512345678901AbCdEfGh");
		assertThat(ex.getMessage()).hasSizeLessThan(2_000)
			.doesNotContain("\n")
			.doesNotContain("\r")
			.doesNotContain("\u001b")
			.contains("\\u001b[31mrate limited");
		assertThat(ex.getErrorType()).hasSizeLessThan(300);
	}

	@Test
	void boundsAHugeModelNameInTheMessage() {
		CometApiException ex = this.factory.fromResponse(500, new HttpHeaders(), new byte[0], "m\n".repeat(50_000));
		assertThat(ex.getMessage()).hasSizeLessThan(1_000).doesNotContain("\n");
		CometApiException timeout = this.factory.noResponse(CometFailureKind.TIMEOUT, "no response",
				"m".repeat(100_000), null);
		assertThat(timeout.getMessage()).hasSizeLessThan(1_000);
	}

	@Test
	void ignoresRetryAfterValuesThatAreNotADelay() {
		for (String value : new String[] { "-30", "NaN", "Infinity", "-Infinity", "1e400", "soon", "" }) {
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, value);
			assertThat(CometExceptionFactory.retryAfterMillis(headers)).as(value).isEqualTo(-1);
			HttpHeaders millis = new HttpHeaders();
			millis.set("retry-after-ms", value);
			assertThat(CometExceptionFactory.retryAfterMillis(millis)).as(value).isEqualTo(-1);
		}
		HttpHeaders valid = new HttpHeaders();
		valid.set("retry-after-ms", "NaN");
		valid.set(HttpHeaders.RETRY_AFTER, "2");
		assertThat(CometExceptionFactory.retryAfterMillis(valid)).isEqualTo(2_000);
		HttpHeaders fraction = new HttpHeaders();
		fraction.set("retry-after-ms", "1500.5");
		assertThat(CometExceptionFactory.retryAfterMillis(fraction)).isEqualTo(1_500);
	}

}
