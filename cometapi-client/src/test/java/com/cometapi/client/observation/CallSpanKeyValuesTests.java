package com.cometapi.client.observation;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micrometer.common.KeyValue;
import org.junit.jupiter.api.Test;

import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatMessage;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.client.wire.Choice;
import com.cometapi.client.wire.EmbeddingRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call span's high-cardinality key values that the default convention reads from the
 * request and the answer, without Micrometer's meters on the class path.
 */
class CallSpanKeyValuesTests {

	private final DefaultCometCallObservationConvention convention = new DefaultCometCallObservationConvention();

	@Test
	void chatRequestParametersAreKeyValuesWhenSet() {
		CometCallContext context = new CometCallContext("chat", null, "gpt-4o");
		context.setRequest(ChatRequest.builder()
			.model("gpt-4o")
			.user("Hi")
			.temperature(0.0)
			.maxTokens(10)
			.maxCompletionTokens(20)
			.topP(1.0)
			.frequencyPenalty(2.0)
			.presencePenalty(0.1)
			.stop("a,b")
			.seed(-7L)
			.n(3)
			.build());
		assertThat(highCardinality(context)).containsEntry("gen_ai.request.temperature", "0.0")
			.containsEntry("gen_ai.request.max_tokens", "20")
			.containsEntry("gen_ai.request.top_p", "1.0")
			.containsEntry("gen_ai.request.frequency_penalty", "2.0")
			.containsEntry("gen_ai.request.presence_penalty", "0.1")
			.containsEntry("gen_ai.request.stop_sequences", "[\"a,b\"]")
			.containsEntry("gen_ai.request.seed", "-7")
			.containsEntry("gen_ai.request.choice.count", "3");
	}

	@Test
	void unsetParametersAndOneChoiceAreLeftOut() {
		CometCallContext context = new CometCallContext("chat", null, "gpt-4o");
		context.setRequest(ChatRequest.builder().model("gpt-4o").user("Hi").n(1).stop(List.of()).build());
		assertThat(highCardinality(context).keySet())
			.allSatisfy((key) -> assertThat(key).doesNotStartWith("gen_ai.request."));
		assertThat(highCardinality(new CometCallContext("chat", null, "gpt-4o")).keySet())
			.containsExactly("cometapi.attempts");
	}

	@Test
	void stopSequencesKeepFourValuesOfSixtyFourCharactersEscaped() {
		CometCallContext context = new CometCallContext("chat", null, "gpt-4o");
		context.setRequest(ChatRequest.builder()
			.model("gpt-4o")
			.user("Hi")
			.stop("a" + "\uD83D\uDE00".repeat(40), "\"", "\u2028", "\t", "five")
			.build());
		String cut = "a" + "\uD83D\uDE00".repeat(31);
		assertThat(highCardinality(context)).containsEntry("gen_ai.request.stop_sequences",
				"[\"" + cut + "\", \"\\\"\", \"\\u2028\", \"\\t\"]");
	}

	@Test
	void embeddingRequestParametersAreKeyValuesWhenSet() {
		CometCallContext context = new CometCallContext("embeddings", null, "text-embedding-3-small");
		context.setRequest(EmbeddingRequest.builder()
			.model("text-embedding-3-small")
			.input("Hi")
			.encodingFormat("float")
			.dimensions(256)
			.build());
		assertThat(highCardinality(context)).containsEntry("gen_ai.request.encoding_formats", "float")
			.containsEntry("gen_ai.embeddings.dimension.count", "256");
	}

	@Test
	void finishReasonsOfAnAnswerAreBounded() {
		CometCallContext context = new CometCallContext("chat", null, "gpt-4o");
		List<Choice> choices = IntStream.range(0, 128)
			.mapToObj((i) -> new Choice(i, ChatMessage.assistant("x"), null, (i == 0) ? "s".repeat(100) : "stop",
					Map.of()))
			.toList();
		context.setResponse(
				new ChatCompletion("chatcmpl-1", "chat.completion", 1L, "gpt-4o", null, choices, null, Map.of(), null));
		String reasons = highCardinality(context).get("gen_ai.response.finish_reasons");
		assertThat(reasons.split(",")).hasSize(16);
		assertThat(reasons).startsWith("s".repeat(32) + ",stop");
	}

	private Map<String, String> highCardinality(CometCallContext context) {
		return this.convention.getHighCardinalityKeyValues(context)
			.stream()
			.collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
	}

}
