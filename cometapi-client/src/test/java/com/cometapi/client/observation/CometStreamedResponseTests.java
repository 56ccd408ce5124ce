package com.cometapi.client.observation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.cometapi.client.wire.ChatCompletionChunk.ChunkChoice;
import com.cometapi.client.wire.ChatCompletionChunk;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a streamed chat call's observation keeps of the chunks, and its bounds.
 */
class CometStreamedResponseTests {

	@Test
	void keepsTheFirstIdAndModelAndEveryFinishReasonInTheOrderTheyCome() {
		CometStreamedResponse response = new CometStreamedResponse();
		response.add(chunk(null, null, choice(0, null)));
		response.add(chunk("chatcmpl-1", "gpt-4o-2024-08-06", choice(0, null), choice(1, null)));
		response.add(chunk("chatcmpl-2", "other", choice(1, "length")));
		response.add(chunk("chatcmpl-1", "gpt-4o-2024-08-06", choice(0, "stop")));
		response.add(new ChatCompletionChunk("chatcmpl-1", null, null, null, null, null, null, Map.of()));
		assertThat(response.getId()).isEqualTo("chatcmpl-1");
		assertThat(response.getModel()).isEqualTo("gpt-4o-2024-08-06");
		assertThat(response.getFinishReasons()).containsExactly("length", "stop");
	}

	@Test
	void keepsAtMostSixteenFinishReasonsEachCut() {
		CometStreamedResponse response = new CometStreamedResponse();
		List<ChunkChoice> choices = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			choices.add(choice(i, "r".repeat(1000)));
		}
		response.add(new ChatCompletionChunk("i".repeat(10_000), "chat.completion.chunk", 1L, "m".repeat(10_000), null,
				choices, null, Map.of()));
		assertThat(response.getFinishReasons()).hasSize(CometStreamedResponse.MAX_FINISH_REASONS)
			.allSatisfy((reason) -> assertThat(reason).hasSize(CometStreamedResponse.MAX_FINISH_REASON_LENGTH));
		assertThat(response.getId()).hasSize(CometStreamedResponse.MAX_ID_LENGTH);
		assertThat(response.getModel()).hasSize(CometStreamedResponse.MAX_ID_LENGTH);
	}

	@Test
	void recorderMakesTheResponseTheCallsResponse() {
		CometCallContext context = new CometCallContext("chat", null, "gpt-4o");
		CometStreamedResponse.recorder(context).accept(chunk("chatcmpl-9", "gpt-4o", choice(0, "stop")));
		assertThat(context.getResponse()).isInstanceOfSatisfying(CometStreamedResponse.class,
				(response) -> assertThat(response.getId()).isEqualTo("chatcmpl-9"));
	}

	private static ChatCompletionChunk chunk(String id, String model, ChunkChoice... choices) {
		return new ChatCompletionChunk(id, "chat.completion.chunk", 1L, model, null, List.of(choices), null, Map.of());
	}

	private static ChunkChoice choice(int index, String finishReason) {
		return new ChunkChoice(index, null, null, finishReason, Map.of());
	}

}
