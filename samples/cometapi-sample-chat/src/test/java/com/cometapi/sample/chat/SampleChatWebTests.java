package com.cometapi.sample.chat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.reactive.function.client.WebClient;

import com.cometapi.client.CometTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test of the web profile: chat, a text/event-stream answer and the actuator
 * endpoints, all against the embedded mock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("web")
class SampleChatWebTests {

	@LocalServerPort
	int port;

	@Autowired
	CometTemplate comet;

	private WebClient client() {
		return WebClient.create("http://127.0.0.1:" + this.port);
	}

	@Test
	void answersAChat() {
		String answer = client().get()
			.uri("/chat?prompt=Hi")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
		assertThat(answer).isEqualTo("Hello from gpt-4o-mini");
	}

	@Test
	void streamsAnAnswerAsServerSentEvents() {
		String events = client().get()
			.uri("/chat/stream?prompt=Hi")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.bodyToFlux(String.class)
			.collectList()
			.map((parts) -> String.join("", parts))
			.block(Duration.ofSeconds(10));
		assertThat(events).contains("Hello").contains("gpt-4o-mini");
	}

	@Test
	void exposesHealthAndMetrics() {
		this.comet.prompt("Hi").block(Duration.ofSeconds(10));
		String health = client().get()
			.uri("/actuator/health")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
		assertThat(health).contains("\"status\":\"UP\"");
		String metrics = client().get()
			.uri("/actuator/metrics")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
		assertThat(metrics).contains("gen_ai.client.operation");
	}

}
