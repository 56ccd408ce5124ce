package com.cometapi.test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class CometApiMockServerFaultTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final Http http = new Http(mock.server());

	@Test
	void connectionResetFailsClientWithIOExceptionAndIsRecorded() throws Exception {
		mock.server().model("gpt-4o").enqueue(MockResponse.connectionReset());
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.http.chat("gpt-4o"));
		assertThat(mock.server().requestCount("gpt-4o")).isEqualTo(1);
		await().atMost(Duration.ofSeconds(5)).until(() -> mock.server().inFlight() == 0);
		assertThat(mock.server().disconnects()).isZero();
		assertThat(this.http.chat("gpt-4o").statusCode()).isEqualTo(200);
	}

	@Test
	void truncatedBodyFailsClientWithIOException() throws Exception {
		mock.server().anyModel().enqueue(MockResponse.truncatedBody());
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.http.chat("gpt-4o"));
		assertThat(mock.server().requestCount()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(5)).until(() -> mock.server().inFlight() == 0);
		assertThat(this.http.chat("gpt-4o").statusCode()).isEqualTo(200);
	}

	@Test
	void malformedJsonIsA200WithBrokenBody() throws Exception {
		mock.server().anyModel().enqueue(MockResponse.malformedJson());
		HttpResponse<String> response = this.http.chat("gpt-4o");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
		assertThat(response.body()).isEqualTo("{not json");
	}

	@Test
	void delaysBeforeTheStatusLine() throws Exception {
		mock.server().anyModel().enqueue(MockResponse.ok().delay(Duration.ofMillis(300)));
		long start = System.nanoTime();
		assertThat(this.http.chat("gpt-4o").statusCode()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void countsClientThatGivesUpDuringDelayAsDisconnect() throws Exception {
		mock.server().anyModel().enqueue(MockResponse.ok().delay(Duration.ofSeconds(30)));
		this.http.chatAndHangUp("gpt-4o");
		await().atMost(Duration.ofSeconds(5)).until(() -> mock.server().disconnects() == 1);
		assertThat(mock.server().inFlight()).isZero();
	}

	@Test
	void doesNotCountConnectionCloseRequestsAsDisconnects() throws Exception {
		for (int i = 0; i < 20; i++) {
			assertThat(this.http.chatWithConnectionClose("gpt-4o")).startsWith("HTTP/1.1 200");
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> mock.server().inFlight() == 0);
		assertThat(mock.server().disconnects()).isZero();
	}

	@Test
	void tracksPeakInFlightOfDelayedResponses() {
		mock.server().anyModel().respond(MockResponse.ok().delay(Duration.ofSeconds(3)));
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			calls.add(this.http.chatAsync("gpt-4o"));
		}
		await().atMost(Duration.ofSeconds(3)).until(() -> mock.server().inFlight() == 5);
		calls.forEach((call) -> assertThat(call.join().statusCode()).isEqualTo(200));
		assertThat(mock.server().peakInFlight()).isEqualTo(5);
		await().atMost(Duration.ofSeconds(5)).until(() -> mock.server().inFlight() == 0);
	}

	@Test
	void answersEachQueuedResponseExactlyOnceUnderConcurrency() {
		int count = 40;
		for (int i = 0; i < count; i++) {
			mock.server().model("gpt-4o").enqueue(MockResponse.ok("answer-" + i));
		}
		mock.server().model("gpt-4o").respond(MockResponse.serverError());
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			calls.add(this.http.chatAsync("gpt-4o"));
		}
		List<String> contents = calls.stream()
			.map(CompletableFuture::join)
			.map((response) -> Http.json(response.body())
				.path("choices")
				.path(0)
				.path("message")
				.path("content")
				.asText())
			.toList();
		assertThat(contents).doesNotHaveDuplicates()
			.hasSize(count)
			.allSatisfy((content) -> assertThat(content).startsWith("answer-"));
		assertThat(mock.server().requests()).hasSize(count)
			.extracting(RecordedRequest::requestId)
			.doesNotHaveDuplicates();
	}

	@Test
	void rejectsRequestsBeyondMaxInFlightWith429() {
		mock.server().capacity(0, 2);
		mock.server().anyModel().respond(MockResponse.ok().delay(Duration.ofMillis(500)));
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			calls.add(this.http.chatAsync("gpt-4o"));
		}
		List<Integer> statuses = calls.stream().map((call) -> call.join().statusCode()).toList();
		assertThat(statuses).filteredOn((status) -> status == 200).hasSize(2);
		assertThat(statuses).filteredOn((status) -> status == 429).hasSize(3);
		assertThat(mock.server().rateLimitedCount()).isEqualTo(3);
		assertThat(mock.server().requestCount()).isEqualTo(5);
	}

	@Test
	void rejectsRequestsBeyondRequestsPerSecondWith429() throws Exception {
		mock.server().capacity(1, 0);
		List<HttpResponse<String>> responses = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			responses.add(this.http.chat("gpt-4o"));
		}
		assertThat(responses.get(0).statusCode()).isEqualTo(200);
		List<HttpResponse<String>> limited = responses.stream()
			.filter((response) -> response.statusCode() == 429)
			.toList();
		assertThat(limited).hasSizeGreaterThanOrEqualTo(2);
		assertThat(mock.server().rateLimitedCount()).isEqualTo(limited.size());
		JsonNode error = Http.json(limited.get(0).body()).path("error");
		assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
		assertThat(limited.get(0).headers().firstValue("retry-after")).isEmpty();
	}

	@Test
	void capacityRejectionDoesNotConsumeScript() throws Exception {
		mock.server().capacity(1, 0);
		mock.server().model("gpt-4o").enqueue(MockResponse.ok("one"), MockResponse.ok("two"));
		this.http.chat("gpt-4o");
		assertThat(this.http.chat("gpt-4o").statusCode()).isEqualTo(429);
		assertThat(mock.server().model("gpt-4o").queued()).isEqualTo(1);
	}

	@Test
	void rateLimitLetsTheBurstThroughThenAnswers429WithRetryAfter() throws Exception {
		mock.server().rateLimit(0.001, 3, Duration.ofMillis(1500));
		List<Integer> statuses = new ArrayList<>();
		HttpResponse<String> limited = null;
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> response = this.http.chat("gpt-4o");
			statuses.add(response.statusCode());
			if (response.statusCode() == 429) {
				limited = response;
			}
		}
		assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
		assertThat(limited.headers().firstValue("retry-after")).hasValue("2");
		assertThat(mock.server().rateLimitedCount()).isEqualTo(2);
	}

	@Test
	void rateLimitWithoutRetryAfterSendsNone() throws Exception {
		mock.server().rateLimit(0.001, 1, null);
		assertThat(this.http.chat("gpt-4o").statusCode()).isEqualTo(200);
		HttpResponse<String> limited = this.http.chat("gpt-4o");
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("retry-after")).isEmpty();
	}

	@Test
	void rateLimitRejectsNonsense() {
		assertThatIllegalArgumentException().isThrownBy(() -> mock.server().rateLimit(0, 1, null))
			.withMessageContaining("requestsPerSecond");
		assertThatIllegalArgumentException().isThrownBy(() -> mock.server().rateLimit(10, 0, null))
			.withMessageContaining("burst");
	}

}
