package com.cometapi.client;

import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.CometJson;

import static org.assertj.core.api.Assertions.assertThat;

class ChatStreamAggregatorTests {

	private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = CometJson.newObjectMapper();

	@Test
	void assemblesToolCallsByIndexConcatenatingArguments() throws Exception {
		List<String> lines = List.of(
				"{\"id\":\"c1\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"\"}}]}}]}",
				"{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}}]}",
				"{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"time\",\"arguments\":\"{}\"}}]}}]}",
				"{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]}}]}",
				"{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
				"{\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":9,\"total_tokens\":14}}");
		Flux<ChatCompletionChunk> chunks = Flux.fromIterable(lines).map((line) -> read(line));
		ChatCompletion completion = ChatStreamAggregator.aggregate(chunks).block();
		assertThat(completion.id()).isEqualTo("c1");
		assertThat(completion.model()).isEqualTo("gpt-4o");
		assertThat(completion.firstChoice().finishReason()).isEqualTo("tool_calls");
		assertThat(completion.content()).isNull();
		assertThat(completion.firstChoice().message().toolCalls()).satisfiesExactly((first) -> {
			assertThat(first.id()).isEqualTo("call_a");
			assertThat(first.function().name()).isEqualTo("weather");
			assertThat(first.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
		}, (second) -> {
			assertThat(second.id()).isEqualTo("call_b");
			assertThat(second.function().arguments()).isEqualTo("{}");
		});
		assertThat(completion.usage().totalTokens()).isEqualTo(14);
	}

	@Test
	void keepsChoicesApartByIndex() {
		ChatStreamAggregator aggregator = new ChatStreamAggregator();
		aggregator.add(read(
				"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}},{\"index\":1,\"delta\":{\"content\":\"B\"}}]}"));
		aggregator.add(read(
				"{\"choices\":[{\"index\":1,\"delta\":{\"content\":\"b\"}},{\"index\":0,\"delta\":{\"content\":\"a\"}}]}"));
		ChatCompletion completion = aggregator.toCompletion();
		assertThat(completion.choices()).extracting((choice) -> choice.message().text()).containsExactly("Aa", "Bb");
		assertThat(aggregator.chunkCount()).isEqualTo(2);
		assertThat(aggregator.text()).isEqualTo("Aa");
	}

	private static ChatCompletionChunk read(String json) {
		try {
			return MAPPER.readValue(json, ChatCompletionChunk.class);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
