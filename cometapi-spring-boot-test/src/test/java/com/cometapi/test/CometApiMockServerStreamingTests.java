package com.cometapi.test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CometApiMockServerStreamingTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final Http http = new Http(mock.server());

	@Test
	void streamsOkWithUsageChunkAndDone() throws Exception {
		HttpResponse<String> response = streamChat("gpt-4o", true);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("content-type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		assertThat(response.headers().firstValue("X-Oneapi-Request-Id")).isPresent();
		List<String> events = events(response.body());
		assertThat(events).allSatisfy((event) -> assertThat(event).startsWith("data: "));
		assertThat(events.get(events.size() - 1)).isEqualTo("data: [DONE]");
		List<JsonNode> chunks = chunks(events);
		assertThat(chunks).hasSize(6);
		assertThat(chunks).allSatisfy((chunk) -> {
			assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
			assertThat(chunk.path("model").asText()).isEqualTo("gpt-4o");
			assertThat(chunk.path("id").asText()).isEqualTo(chunks.get(0).path("id").asText());
		});
		JsonNode role = chunks.get(0);
		assertThat(role.path("choices").path(0).path("delta").path("role").asText()).isEqualTo("assistant");
		assertThat(role.has("obfuscation")).isTrue();
		assertThat(role.path("usage").isNull()).isTrue();
		assertThat(chunks.subList(1, 4))
			.extracting((chunk) -> chunk.path("choices").path(0).path("delta").path("content").asText())
			.containsExactly("Hello", " from", " gpt-4o");
		JsonNode finish = chunks.get(4);
		assertThat(finish.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
		assertThat(finish.path("usage").isNull()).isTrue();
		JsonNode usage = chunks.get(5);
		assertThat(usage.path("choices").isArray()).isTrue();
		assertThat(usage.path("choices")).isEmpty();
		assertThat(usage.path("usage").path("prompt_tokens").asInt()).isEqualTo(11);
		assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(7);
		assertThat(usage.path("usage").path("total_tokens").asInt()).isEqualTo(18);
	}

	@Test
	void omitsUsageChunkUnlessRequested() throws Exception {
		mock.server().anyModel().enqueue(MockResponse.stream("a", "b"));
		List<JsonNode> chunks = chunks(events(streamChat("gpt-4o", false).body()));
		assertThat(chunks).hasSize(4);
		assertThat(chunks).allSatisfy((chunk) -> assertThat(chunk.path("usage").isNull()).isTrue());
	}

	@Test
	void streamsScriptedDeltasWithKeepAlives() throws Exception {
		mock.server().model("gpt-4o").enqueue(MockResponse.stream("Hel", "lo").keepAlives(2).usage(5, 2));
		List<String> events = events(streamChat("gpt-4o", true).body());
		assertThat(events).filteredOn(": PING"::equals).hasSize(2);
		List<JsonNode> chunks = chunks(events);
		assertThat(chunks.subList(1, 3))
			.extracting((chunk) -> chunk.path("choices").path(0).path("delta").path("content").asText())
			.containsExactly("Hel", "lo");
		assertThat(chunks.get(chunks.size() - 1).path("usage").path("total_tokens").asInt()).isEqualTo(7);
		assertThat(events.get(events.size() - 1)).isEqualTo("data: [DONE]");
	}

	@Test
	void answersStreamScriptWithCompletionWhenRequestDoesNotStream() throws Exception {
		mock.server().anyModel().enqueue(MockResponse.stream("a", "b"));
		HttpResponse<String> response = this.http.chat("gpt-4o");
		assertThat(Http.json(response.body()).path("choices").path(0).path("message").path("content").asText())
			.isEqualTo("ab");
	}

	@Test
	void sendsErrorDataLineAfterChunks() throws Exception {
		mock.server().anyModel().enqueue(MockResponse.stream("a", "b", "c").errorAfter(2));
		HttpResponse<String> response = streamChat("gpt-4o", true);
		String requestId = response.headers().firstValue("X-Oneapi-Request-Id").orElseThrow();
		List<String> events = events(response.body());
		assertThat(events).hasSize(3).doesNotContain("data: [DONE]");
		JsonNode error = Http.json(events.get(2).substring("data: ".length())).path("error");
		assertThat(error.path("message").asText()).endsWith(" (request id: " + requestId + ")");
		assertThat(error.path("type").asText()).isNotEmpty();
		assertThat(mock.server().disconnects()).isZero();
	}

	@Test
	void sendsErrorEventAfterChunks() throws Exception {
		mock.server().anyModel().enqueue(MockResponse.stream("a", "b").eventErrorAfter(1));
		List<String> events = events(streamChat("gpt-4o", true).body());
		assertThat(events).hasSize(2).doesNotContain("data: [DONE]");
		String[] lines = events.get(1).split("\n");
		assertThat(lines[0]).isEqualTo("event: error");
		assertThat(Http.json(lines[1].substring("data: ".length())).has("error")).isTrue();
	}

	@Test
	void endsWithoutDone() throws Exception {
		mock.server().anyModel().enqueue(MockResponse.ok().withoutDone());
		List<String> events = events(streamChat("gpt-4o", true).body());
		assertThat(events).doesNotContain("data: [DONE]");
		assertThat(chunks(events)).hasSize(6);
	}

	@Test
	void stallsAfterChunksUntilClientGoesAway() throws Exception {
		mock.server().anyModel().enqueue(MockResponse.stream("a", "b", "c").stallAfter(2));
		List<String> dataLines = new ArrayList<>();
		try (Socket socket = this.http.openStream("gpt-4o")) {
			socket.setSoTimeout(5000);
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			String line;
			while (dataLines.size() < 2 && (line = reader.readLine()) != null) {
				if (line.startsWith("data: ")) {
					dataLines.add(line);
				}
			}
			assertThat(mock.server().inFlight()).isEqualTo(1);
			assertThat(mock.server().disconnects()).isZero();
		}
		assertThat(dataLines).hasSize(2);
		await().atMost(Duration.ofSeconds(5)).until(() -> mock.server().disconnects() == 1);
		await().atMost(Duration.ofSeconds(5)).until(() -> mock.server().inFlight() == 0);
	}

	@Test
	void countsClosedJdkClientStreamAsDisconnect() throws Exception {
		mock.server().anyModel().enqueue(MockResponse.stream("a", "b", "c").stallAfter(3));
		HttpResponse<Stream<String>> response = this.http.streamChat("gpt-4o", true);
		List<String> dataLines = new ArrayList<>();
		try (Stream<String> lines = response.body()) {
			Iterator<String> iterator = lines.iterator();
			while (dataLines.size() < 3 && iterator.hasNext()) {
				String line = iterator.next();
				if (line.startsWith("data: ")) {
					dataLines.add(line);
				}
			}
		}
		assertThat(dataLines).hasSize(3);
		await().atMost(Duration.ofSeconds(5)).until(() -> mock.server().disconnects() == 1);
		await().atMost(Duration.ofSeconds(5)).until(() -> mock.server().inFlight() == 0);
	}

	@Test
	void waitsBetweenChunks() throws Exception {
		mock.server().anyModel().enqueue(MockResponse.stream("a", "b").chunkDelay(Duration.ofMillis(50)));
		long start = System.nanoTime();
		List<String> events = events(streamChat("gpt-4o", false).body());
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		assertThat(events).hasSize(5);
	}

	private HttpResponse<String> streamChat(String model, boolean includeUsage) throws Exception {
		return this.http.post("/v1/chat/completions", Http.chatBody(model, true, includeUsage));
	}

	private static List<String> events(String body) {
		assertThat(body).endsWith("\n\n");
		return Arrays.stream(body.split("\n\n")).toList();
	}

	private static List<JsonNode> chunks(List<String> events) {
		return events.stream()
			.filter((event) -> event.startsWith("data: {"))
			.map((event) -> Http.json(event.substring("data: ".length())))
			.toList();
	}

}
