package com.cometapi.ai;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.error.CometInterruptedException;
import com.cometapi.client.error.CometValidationException;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static com.cometapi.ai.ChatFixtures.PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Hostile options and answers given to {@link CometChatModel}: they fail with the
 * template's typed exception before anything is sent, or map to responses without mixing
 * up tool calls or showing the API key.
 */
class CometChatModelAttackTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private static final Duration WAIT = Duration.ofSeconds(30);

	private CometTemplate template;

	private CometChatModel model;

	@BeforeEach
	void setUp() {
		this.template = ChatFixtures.template(mock).build();
		this.model = CometChatModel.builder(this.template).build();
	}

	@AfterEach
	void tearDown() {
		this.template.close();
	}

	@Test
	void tenThousandFallbackModelsFailValidationAndSendNothing() {
		List<String> models = IntStream.range(0, 10_000).mapToObj((i) -> "model-" + i).toList();
		CometChatOptions options = CometChatOptions.builder().model(PRIMARY).fallbackModels(models).build();
		assertThatExceptionOfType(CometValidationException.class)
			.isThrownBy(() -> this.model.call(new Prompt("Hi", options)))
			.withMessageContaining("fallbackModels");
		assertThatExceptionOfType(CometValidationException.class)
			.isThrownBy(() -> this.model.stream(new Prompt("Hi", options)).blockLast(WAIT));
		assertThat(mock.server().requestCount()).isZero();
	}

	@Test
	void nanAndNegativeTemperaturesFailValidationAndSendNothing() {
		for (double temperature : new double[] { Double.NaN, -1, Double.POSITIVE_INFINITY }) {
			CometChatOptions options = CometChatOptions.builder().model(PRIMARY).temperature(temperature).build();
			assertThatExceptionOfType(CometValidationException.class)
				.isThrownBy(() -> this.model.call(new Prompt("Hi", options)))
				.withMessageContaining("temperature");
		}
		assertThat(mock.server().requestCount()).isZero();
	}

	@Test
	void streamedToolCallsWithInterleavedIndexesKeepTheirArguments() {
		mock.server().model(PRIMARY).enqueue(MockResponse.raw(200, "text/event-stream", INTERLEAVED_TOOL_CALLS));
		List<ChatResponse> responses = new CometStreamMapper().map(this.template.stream(ChatRequest.of(PRIMARY, "Hi")))
			.collectList()
			.block(WAIT);
		List<AssistantMessage.ToolCall> calls = responses.stream()
			.flatMap((response) -> response.getResults().stream())
			.flatMap((generation) -> generation.getOutput().getToolCalls().stream())
			.toList();
		assertThat(calls).extracting(AssistantMessage.ToolCall::name).containsExactly("temperature", "humidity");
		assertThat(calls).extracting(AssistantMessage.ToolCall::arguments)
			.containsExactly("{\"city\":\"Paris\"}", "{\"city\":\"Oslo\"}");
	}

	@Test
	void emptyChoicesAndNullContentGiveResponsesWithoutFailing() {
		mock.server()
			.model(PRIMARY)
			.enqueue(MockResponse.json(200,
					"{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[]}"));
		assertThat(this.model.call(new Prompt("Hi")).getResults()).isEmpty();
		mock.server()
			.model(PRIMARY)
			.enqueue(MockResponse.json(200,
					"{\"id\":\"y\",\"object\":\"chat.completion\",\"created\":1,"
							+ "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
							+ "\"content\":null},\"finish_reason\":\"stop\"}]}"));
		assertThat(this.model.call(new Prompt("Hi")).getResult().getOutput().getText()).isEmpty();
	}

	@Test
	void metadataNeverShowsTheApiKey() {
		mock.server().model(PRIMARY).respond(MockResponse.ok("Hello"));
		ChatResponse response = this.model.call(new Prompt("Hi"));
		assertThat(response.getMetadata().toString()).doesNotContain("test-key");
		response.getMetadata()
			.entrySet()
			.forEach((entry) -> assertThat(String.valueOf(entry.getValue())).doesNotContain("test-key"));
		assertThat(response.toString()).doesNotContain("test-key");
	}

	@Test
	void interruptingACallCancelsItWithTheTypedException() throws Exception {
		mock.server().model(PRIMARY).respond(MockResponse.ok("late").delay(Duration.ofMinutes(5)));
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		AtomicBoolean flagSet = new AtomicBoolean();
		Thread caller = new Thread(() -> {
			try {
				this.model.call(new Prompt("Hi"));
			}
			catch (Throwable ex) {
				thrown.set(ex);
				flagSet.set(Thread.currentThread().isInterrupted());
			}
		});
		caller.start();
		await().atMost(WAIT).until(() -> mock.server().inFlight() == 1);
		caller.interrupt();
		caller.join(WAIT.toMillis());
		assertThat(thrown.get()).isExactlyInstanceOf(CometInterruptedException.class);
		assertThat(flagSet).isTrue();
		await().atMost(WAIT).until(() -> mock.server().inFlight() == 0);
	}

	@Test
	void aCallOnAParallelWorkerFailsAtOnceWithACleanMessage() {
		Throwable thrown = Mono.fromCallable(() -> this.model.call(new Prompt("Hi")))
			.subscribeOn(Schedulers.parallel())
			.materialize()
			.block(WAIT)
			.getThrowable();
		assertThat(thrown).isExactlyInstanceOf(IllegalStateException.class)
			.hasMessageContaining("use the reactive CometTemplate");
		assertThat(mock.server().requestCount()).isZero();
	}

	@Test
	void anEmbeddingCallOnAParallelWorkerFailsAtOnceWithACleanMessage() {
		CometEmbeddingModel embeddings = new CometEmbeddingModel(this.template, "text-embedding-3-small", null);
		Throwable thrown = Mono.fromCallable(() -> embeddings.embed("Hi"))
			.subscribeOn(Schedulers.parallel())
			.materialize()
			.block(WAIT)
			.getThrowable();
		assertThat(thrown).isExactlyInstanceOf(IllegalStateException.class)
			.hasMessageContaining("use the reactive CometTemplate");
		assertThat(mock.server().requestCount()).isZero();
	}

	private static final String INTERLEAVED_TOOL_CALLS = """
			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"temperature","arguments":""}}]},"finish_reason":null}]}

			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_2","type":"function","function":{"name":"humidity","arguments":"{\\"city\\":"}}]},"finish_reason":null}]}

			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"city\\":"}}]},"finish_reason":null}]}

			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"\\"Oslo\\"}"}}]},"finish_reason":null}]}

			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\\"Paris\\"}"}}]},"finish_reason":null}]}

			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

			data: [DONE]

			""";

}
