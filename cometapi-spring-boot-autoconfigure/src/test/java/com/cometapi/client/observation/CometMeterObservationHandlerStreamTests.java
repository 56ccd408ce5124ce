package com.cometapi.client.observation;

import java.time.Duration;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cometapi.client.ChatRequest;
import com.cometapi.client.CometTemplate;
import com.cometapi.test.CometApiMockServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meter handler's view of streamed calls: time to first token and token usage.
 */
class CometMeterObservationHandlerStreamTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	@Test
	void recordsTimeToFirstTokenAndStreamedTokens() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new CometMeterObservationHandler(meters));
		CometTemplate template = CometTemplate.builder()
			.baseUrl(mock.baseUrl())
			.apiKey("test-key")
			.observationRegistry(observations)
			.build();
		template.stream(ChatRequest.of("gpt-4o", "Hi")).blockLast(Duration.ofSeconds(10));
		Timer firstToken = meters.find("cometapi.client.time_to_first_token")
			.tag("gen_ai.request.model", "gpt-4o")
			.timer();
		assertThat(firstToken).isNotNull();
		assertThat(firstToken.count()).isEqualTo(1);
		assertThat(meters.find("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").counter().count())
			.isEqualTo(11);
		assertThat(meters.find("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").counter().count())
			.isEqualTo(7);
	}

}
