package com.cometapi.client.wire;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for reading {@link ChatCompletionChunk} as CometAPI streams it.
 */
class ChatCompletionChunkJsonTests {

	private static final List<String> STREAM = List.of(
			"{\"id\":\"chatcmpl-Dx1\",\"object\":\"chat.completion.chunk\",\"created\":1782300000,\"model\":\"gpt-5.4-mini-2026-03-17\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"k2\"}",
			"{\"id\":\"chatcmpl-Dx1\",\"object\":\"chat.completion.chunk\",\"created\":1782300000,\"model\":\"gpt-5.4-mini-2026-03-17\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello!\"},\"finish_reason\":null}],\"usage\":null}",
			"{\"id\":\"chatcmpl-Dx1\",\"object\":\"chat.completion.chunk\",\"created\":1782300000,\"model\":\"gpt-5.4-mini-2026-03-17\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}",
			"{\"id\":\"chatcmpl-Dx1\",\"object\":\"chat.completion.chunk\",\"created\":1782300000,\"model\":\"gpt-5.4-mini-2026-03-17\",\"choices\":[],\"usage\":{\"prompt_tokens\":31,\"completion_tokens\":3,\"total_tokens\":34}}");

	private final ObjectMapper mapper = CometJson.newObjectMapper();

	@Test
	void readsStreamChunksOfCometApi() throws Exception {
		List<ChatCompletionChunk> chunks = read();
		assertThat(chunks.get(0).extras()).containsEntry("obfuscation", "k2");
		assertThat(chunks.get(0).choices().get(0).delta().role()).isEqualTo("assistant");
		assertThat(chunks.get(0).contentDelta()).isEmpty();
		assertThat(chunks.get(1).contentDelta()).isEqualTo("Hello!");
		assertThat(chunks.get(1).usage()).isNull();
		assertThat(chunks.get(2).contentDelta()).isNull();
		assertThat(chunks.get(2).choices().get(0).finishReason()).isEqualTo("stop");
		assertThat(chunks).extracting(ChatCompletionChunk::isUsageOnly).containsExactly(false, false, false, true);
		ChatCompletionChunk last = chunks.get(3);
		assertThat(last.contentDelta()).isNull();
		assertThat(last.usage().totalTokens()).isEqualTo(34);
	}

	@Test
	void keepsObfuscationThroughWriteAndRead() throws Exception {
		for (ChatCompletionChunk chunk : read()) {
			String json = this.mapper.writeValueAsString(chunk);
			assertThat(this.mapper.readValue(json, ChatCompletionChunk.class)).isEqualTo(chunk);
		}
		assertThat(this.mapper.writeValueAsString(read().get(0))).contains("\"obfuscation\":\"k2\"");
	}

	@Test
	void readsToolCallDeltasWithIndex() throws Exception {
		ChatCompletionChunk chunk = this.mapper.readValue("""
				{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"ci"}}]}}]}""",
				ChatCompletionChunk.class);
		ToolCall call = chunk.choices().get(0).delta().toolCalls().get(0);
		assertThat(call.index()).isZero();
		assertThat(call.function().arguments()).isEqualTo("{\"ci");
	}

	private List<ChatCompletionChunk> read() throws Exception {
		List<ChatCompletionChunk> chunks = new ArrayList<>();
		for (String line : STREAM) {
			chunks.add(this.mapper.readValue(line, ChatCompletionChunk.class));
		}
		return chunks;
	}

}
