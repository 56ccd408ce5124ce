package com.cometapi.ai;

import java.time.Duration;

import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.client.ChatClient;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.observation.DefaultCometCallObservationConvention;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static com.cometapi.ai.ChatFixtures.PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a call through the bridge is observed once, by the template: Spring AI's
 * chat model observation has the same name ({@code gen_ai.client.operation}) and would
 * count the call and its tokens twice.
 */
class CometChatModelObservationTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	@Test
	void oneCallIsOneObservation() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		mock.server().model(PRIMARY).respond(MockResponse.ok());
		try (CometTemplate template = ChatFixtures.template(mock).observationRegistry(registry).build()) {
			ChatClient client = ChatClient.builder(CometChatModel.builder(template).build(), registry, null, null)
				.build();
			client.prompt().user("Hi").call().content();
			TestObservationRegistryAssert.assertThat(registry)
				.hasNumberOfObservationsWithNameEqualTo(DefaultCometCallObservationConvention.NAME, 1);
		}
	}

	@Test
	void oneStreamIsOneObservation() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		mock.server().model(PRIMARY).respond(MockResponse.stream("Hel", "lo"));
		try (CometTemplate template = ChatFixtures.template(mock).observationRegistry(registry).build()) {
			ChatClient client = ChatClient.builder(CometChatModel.builder(template).build(), registry, null, null)
				.build();
			assertThat(client.prompt().user("Hi").stream().content().collectList().block(Duration.ofSeconds(10)))
				.containsExactly("Hel", "lo");
			TestObservationRegistryAssert.assertThat(registry)
				.hasNumberOfObservationsWithNameEqualTo(DefaultCometCallObservationConvention.NAME, 1);
		}
	}

}
