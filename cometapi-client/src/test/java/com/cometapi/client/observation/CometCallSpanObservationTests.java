package com.cometapi.client.observation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.client.wire.EmbeddingRequest;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call span's request parameters and streamed answer attributes, as OpenTelemetry's
 * GenAI span conventions name them (docs/gen-ai/gen-ai-spans.md: inference and embeddings
 * spans): on the span only when the request or answer has them, bounded, and never on a
 * meter.
 */
class CometCallSpanObservationTests {

	private static final Set<String> REQUEST_PARAMETERS = Set.of("gen_ai.request.temperature",
			"gen_ai.request.max_tokens", "gen_ai.request.top_p", "gen_ai.request.frequency_penalty",
			"gen_ai.request.presence_penalty", "gen_ai.request.stop_sequences", "gen_ai.request.seed",
			"gen_ai.request.choice.count", "gen_ai.request.encoding_formats", "gen_ai.embeddings.dimension.count");

	private static final Set<String> SPAN_ONLY = Set.of("gen_ai.request.temperature", "gen_ai.request.max_tokens",
			"gen_ai.request.top_p", "gen_ai.request.frequency_penalty", "gen_ai.request.presence_penalty",
			"gen_ai.request.stop_sequences", "gen_ai.request.seed", "gen_ai.request.choice.count",
			"gen_ai.request.encoding_formats", "gen_ai.embeddings.dimension.count", "gen_ai.response.id",
			"gen_ai.response.finish_reasons", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens");

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final List<CometCallContext> calls = new CopyOnWriteArrayList<>();

	private CometTemplate template() {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(this.meters))
			.observationHandler(new CometMeterObservationHandler(this.meters))
			.observationHandler(new CometGenAiMeterObservationHandler(this.meters))
			.observationHandler(new ObservationHandler<CometCallContext>() {

				@Override
				public boolean supportsContext(Observation.Context context) {
					return context instanceof CometCallContext;
				}

				@Override
				public void onStop(CometCallContext context) {
					CometCallSpanObservationTests.this.calls.add(context);
				}

			});
		return CometTemplate.builder()
			.baseUrl(mock.baseUrl())
			.apiKey("sk-span-secret-1")
			.observationRegistry(observations)
			.build();
	}

	@Test
	void chatSpanCarriesEveryParameterTheRequestSets() {
		ChatRequest request = ChatRequest.builder()
			.model("gpt-4o")
			.user("Hi")
			.temperature(0.3)
			.maxTokens(50)
			.topP(0.9)
			.frequencyPenalty(0.5)
			.presencePenalty(-0.25)
			.stop("\n", "END")
			.seed(42L)
			.n(2)
			.build();
		try (CometTemplate template = template()) {
			template.chat(request).block(Duration.ofSeconds(10));
		}
		Map<String, String> span = highCardinality(singleCall());
		assertThat(span).containsEntry("gen_ai.request.temperature", "0.3")
			.containsEntry("gen_ai.request.max_tokens", "50")
			.containsEntry("gen_ai.request.top_p", "0.9")
			.containsEntry("gen_ai.request.frequency_penalty", "0.5")
			.containsEntry("gen_ai.request.presence_penalty", "-0.25")
			.containsEntry("gen_ai.request.stop_sequences", "[\"\\n\", \"END\"]")
			.containsEntry("gen_ai.request.seed", "42")
			.containsEntry("gen_ai.request.choice.count", "2")
			.doesNotContainKeys("gen_ai.request.encoding_formats", "gen_ai.embeddings.dimension.count");
		assertNoSpanAttributeIsAMeterTag();
	}

	@Test
	void chatSpanLeavesOutParametersTheRequestDoesNotSet() {
		try (CometTemplate template = template()) {
			template.chat(ChatRequest.builder().model("gpt-4o").user("Hi").n(1).build()).block(Duration.ofSeconds(10));
		}
		Map<String, String> span = highCardinality(singleCall());
		assertThat(span.keySet()).doesNotContainAnyElementsOf(REQUEST_PARAMETERS);
		assertThat(span).containsKeys("gen_ai.response.id", "gen_ai.response.finish_reasons");
	}

	@Test
	void maxTokensIsTheMaxCompletionTokensWhenTheRequestSetsThem() {
		try (CometTemplate template = template()) {
			template.chat(ChatRequest.builder().model("gpt-4o").user("Hi").maxCompletionTokens(300).build())
				.block(Duration.ofSeconds(10));
		}
		assertThat(highCardinality(singleCall())).containsEntry("gen_ai.request.max_tokens", "300");
	}

	@Test
	void stopSequencesAreBoundedInNumberAndLength() {
		String long1 = "x".repeat(500);
		ChatRequest request = ChatRequest.builder()
			.model("gpt-4o")
			.user("Hi")
			.stop(long1, "say \"bye\"", "back\\slash", "\u001b[31m", "fifth", "sixth")
			.build();
		try (CometTemplate template = template()) {
			template.chat(request).block(Duration.ofSeconds(10));
		}
		String stop = highCardinality(singleCall()).get("gen_ai.request.stop_sequences");
		assertThat(stop)
			.isEqualTo("[\"" + "x".repeat(64) + "\", \"say \\\"bye\\\"\", \"back\\\\slash\", \"\\u001b[31m\"]");
		assertThat(stop).doesNotContain("fifth", "sixth");
	}

	@Test
	void streamedChatSpanCarriesResponseIdFinishReasonsModelAndUsage() {
		mock.server().model("gpt-4o").enqueue(MockResponse.stream("Hello", "!").usage(31, 3));
		ChatRequest request = ChatRequest.builder().model("gpt-4o").user("Hi").temperature(1.5).build();
		try (CometTemplate template = template()) {
			template.stream(request).blockLast(Duration.ofSeconds(10));
		}
		CometCallContext call = singleCall();
		Map<String, String> span = highCardinality(call);
		assertThat(span.get("gen_ai.response.id")).startsWith("chatcmpl-");
		assertThat(span).containsEntry("gen_ai.response.finish_reasons", "stop")
			.containsEntry("gen_ai.usage.input_tokens", "31")
			.containsEntry("gen_ai.usage.output_tokens", "3")
			.containsEntry("gen_ai.request.temperature", "1.5");
		assertThat(call.getLowCardinalityKeyValue("gen_ai.response.model").getValue()).isEqualTo("gpt-4o");
		assertThat(call.getResponse()).isInstanceOfSatisfying(CometStreamedResponse.class,
				(streamed) -> assertThat(streamed.getModel()).isEqualTo("gpt-4o"));
		assertNoSpanAttributeIsAMeterTag();
	}

	@Test
	void streamedChatSpanCollectsTheFinishReasonsOfEveryChoice() {
		String body = frame("{\"id\":\"chatcmpl-first\",\"model\":\"gpt-4o-2024-08-06\",\"choices\":["
				+ "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"A\"},\"finish_reason\":null},"
				+ "{\"index\":1,\"delta\":{\"role\":\"assistant\",\"content\":\"B\"},\"finish_reason\":null}]}")
				+ frame("{\"id\":\"chatcmpl-other\",\"model\":\"other\",\"choices\":["
						+ "{\"index\":1,\"delta\":{},\"finish_reason\":\"length\"}]}")
				+ frame("{\"id\":\"chatcmpl-first\",\"model\":\"gpt-4o-2024-08-06\",\"choices\":["
						+ "{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}")
				+ "data: [DONE]\n\n";
		mock.server().model("gpt-4o").respond(MockResponse.raw(200, "text/event-stream", body));
		try (CometTemplate template = template()) {
			template.stream(ChatRequest.builder().model("gpt-4o").user("Hi").n(2).build())
				.blockLast(Duration.ofSeconds(10));
		}
		CometCallContext call = singleCall();
		Map<String, String> span = highCardinality(call);
		assertThat(span).containsEntry("gen_ai.response.id", "chatcmpl-first")
			.containsEntry("gen_ai.response.finish_reasons", "length,stop")
			.containsEntry("gen_ai.request.choice.count", "2")
			.doesNotContainKeys("gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens");
		assertThat(((CometStreamedResponse) call.getResponse()).getModel()).isEqualTo("gpt-4o-2024-08-06");
	}

	@Test
	void embeddingsSpanCarriesEncodingFormatAndDimensionsWhenSet() {
		try (CometTemplate template = template()) {
			template
				.embeddings(EmbeddingRequest.builder()
					.model("text-embedding-3-small")
					.input("Hi")
					.encodingFormat("float")
					.dimensions(8)
					.build())
				.block(Duration.ofSeconds(10));
			template.embeddings(EmbeddingRequest.of("text-embedding-3-small", "Hi")).block(Duration.ofSeconds(10));
		}
		assertThat(this.calls).hasSize(2);
		assertThat(highCardinality(this.calls.get(0))).containsEntry("gen_ai.request.encoding_formats", "float")
			.containsEntry("gen_ai.embeddings.dimension.count", "8")
			.containsKey("gen_ai.usage.input_tokens")
			.doesNotContainKeys("gen_ai.request.temperature", "gen_ai.response.id");
		assertThat(highCardinality(this.calls.get(1)).keySet()).doesNotContainAnyElementsOf(REQUEST_PARAMETERS);
		assertNoSpanAttributeIsAMeterTag();
	}

	private CometCallContext singleCall() {
		assertThat(this.calls).hasSize(1);
		return this.calls.get(0);
	}

	private void assertNoSpanAttributeIsAMeterTag() {
		assertThat(this.meters.getMeters()).isNotEmpty();
		Set<String> tagKeys = this.meters.getMeters()
			.stream()
			.map(Meter::getId)
			.flatMap((id) -> id.getTags().stream())
			.map(Tag::getKey)
			.collect(Collectors.toSet());
		assertThat(tagKeys).contains("gen_ai.request.model").doesNotContainAnyElementsOf(SPAN_ONLY);
	}

	private static Map<String, String> highCardinality(CometCallContext call) {
		return call.getHighCardinalityKeyValues()
			.stream()
			.collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
	}

	private static String frame(String json) {
		return "data: " + json + "\n\n";
	}

}
