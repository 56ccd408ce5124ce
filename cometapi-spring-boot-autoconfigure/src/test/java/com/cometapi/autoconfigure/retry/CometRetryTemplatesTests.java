package com.cometapi.autoconfigure.retry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.retry.backoff.Sleeper;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import com.cometapi.client.error.CometServerException;
import com.cometapi.client.error.DefaultCometErrorClassifier;
import com.cometapi.client.error.CometError;
import com.cometapi.client.error.CometErrorDecision;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CometRetryTemplates}: the decision table and backoff under
 * spring-retry, for blocking calls outside {@code CometTemplate}.
 */
class CometRetryTemplatesTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private static final RetrySettings SETTINGS = new RetrySettings(3, Duration.ofMillis(200), 2.0,
			Duration.ofSeconds(1), Jitter.NONE, true);

	private final List<Long> sleeps = new CopyOnWriteArrayList<>();

	private final Sleeper sleeper = this.sleeps::add;

	private RetryTemplate retryTemplate() {
		RetryTemplate template = new RetryTemplate();
		template.setRetryPolicy(new CometRetryPolicy(SETTINGS, new DefaultCometErrorClassifier()));
		template.setBackOffPolicy(new CometBackOffPolicy(SETTINGS, this.sleeper));
		return template;
	}

	private String post(RestClient client) {
		return client.post()
			.uri("/v1/chat/completions")
			.header("Content-Type", "application/json")
			.body("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
			.retrieve()
			.body(String.class);
	}

	@Test
	void retriesWhatTheTableRetriesWithTheSameBackoff() {
		mock.server()
			.model("gpt-4o")
			.enqueue(MockResponse.serviceUnavailable(), MockResponse.rateLimitedMs(700))
			.respond(MockResponse.ok());
		RestClient client = RestClient.create(mock.baseUrl());
		String body = retryTemplate().execute((context) -> post(client));
		assertThat(body).contains("Hello from gpt-4o");
		assertThat(mock.server().requestCount()).isEqualTo(3);
		assertThat(this.sleeps).containsExactly(200L, 700L);
	}

	@Test
	void doesNotRetryWhatTheTableFails() {
		mock.server().model("gpt-4o").respond(MockResponse.insufficientQuota());
		RestClient client = RestClient.create(mock.baseUrl());
		assertThatExceptionOfType(RestClientResponseException.class)
			.isThrownBy(() -> retryTemplate().execute((context) -> post(client)));
		assertThat(mock.server().requestCount()).isEqualTo(1);
		assertThat(this.sleeps).isEmpty();
	}

	@Test
	void stopsAfterTheConfiguredAttempts() {
		mock.server().model("gpt-4o").respond(MockResponse.gatewayTimeout());
		RestClient client = RestClient.create(mock.baseUrl());
		assertThatExceptionOfType(RestClientResponseException.class)
			.isThrownBy(() -> retryTemplate().execute((context) -> post(client)));
		assertThat(mock.server().requestCount()).isEqualTo(3);
	}

	@Test
	void neverAddsASecondLayerAroundCometTemplate() {
		AtomicInteger calls = new AtomicInteger();
		CometServerException alreadyRetried = new CometServerException("503",
				new CometError(503, null, null, "down", null, "gpt-4o", null, -1), CometErrorDecision.RETRY, null);
		assertThatExceptionOfType(CometServerException.class).isThrownBy(() -> retryTemplate().execute((context) -> {
			calls.incrementAndGet();
			throw alreadyRetried;
		}));
		assertThat(calls).hasValue(1);
	}

	@Test
	void buildsATemplateFromSettings() {
		RetryTemplate template = CometRetryTemplates.create(SETTINGS, new DefaultCometErrorClassifier());
		AtomicInteger calls = new AtomicInteger();
		assertThatExceptionOfType(HttpClientErrorException.class).isThrownBy(() -> template.execute((context) -> {
			calls.incrementAndGet();
			throw HttpClientErrorException.create(org.springframework.http.HttpStatus.BAD_REQUEST, "bad", null, null,
					null);
		}));
		assertThat(calls).hasValue(1);
	}

}
