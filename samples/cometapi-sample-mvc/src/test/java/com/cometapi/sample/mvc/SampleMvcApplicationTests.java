package com.cometapi.sample.mvc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test: the MVC sample answers over HTTP from the embedded mock, whole and
 * streamed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleMvcApplicationTests {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void answersAChat() throws Exception {
		HttpResponse<String> response = get("/chat?prompt=Hi");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("Hello from gpt-4o-mini");
	}

	@Test
	void streamsAnAnswer() throws Exception {
		HttpResponse<String> response = get("/chat/stream?prompt=Hi");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Hello").contains("gpt-4o-mini");
	}

}
