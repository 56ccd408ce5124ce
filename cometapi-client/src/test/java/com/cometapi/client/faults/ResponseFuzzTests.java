package com.cometapi.client.faults;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.mock.http.client.reactive.MockClientHttpRequest;
import org.springframework.mock.http.client.reactive.MockClientHttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.error.CometApiException;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.client.wire.EmbeddingRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the real read paths of {@link CometTemplate} (the exchange, the SSE decoder, the
 * chunk reader, the stream head and the pipeline) with random and mutated bodies from a
 * seeded generator: truncations, byte flips, wrong types in fields, huge numbers, deep
 * nesting, unicode, empty and HTML bodies, SSE split at random points, without blank
 * lines, with garbage and partial lines, error events, no {@code [DONE]}. The bodies are
 * served in memory by a stub connector, so thousands of cases run in seconds. Every case
 * must end, within a bound, with a success or a {@link CometApiException}; a failing case
 * names its seed and case number.
 */
class ResponseFuzzTests {

	private static final long SEED = 20260707L;

	private static final int CASES = 700;

	private static final Duration BOUND = Duration.ofSeconds(5);

	private static final DefaultDataBufferFactory BUFFERS = new DefaultDataBufferFactory();

	private static final String CHAT = """
			{"id":"chatcmpl-1","object":"chat.completion","created":1782300000,"model":"gpt-4o-2024-08-06",\
			"system_fingerprint":"fp_1","choices":[{"index":0,"message":{"role":"assistant","content":"Hello!",\
			"refusal":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}]},\
			"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":31,"completion_tokens":3,\
			"total_tokens":34,"prompt_tokens_details":{"cached_tokens":0},\
			"completion_tokens_details":{"reasoning_tokens":0},"latency_checkpoint":"x"}}""";

	private static final String EMBEDDINGS = """
			{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,-0.2,0.3]}],\
			"model":"text-embedding-3-small","usage":{"prompt_tokens":2,"total_tokens":2}}""";

	private static final String MODELS = """
			{"object":"list","data":[{"id":"gpt-4o","object":"model","created":1715367049,"owned_by":"openai"}]}""";

	private static final String CATALOG = """
			{"success":true,"page":0,"page_size":0,"total":1,"data":[{"id":"gpt-4o","provider":"OpenAI",\
			"model_type":"chat","features":["vision"],"pricing":{"currency":"USD / M Tokens","input":2.0,\
			"output":8.0,"per_request":null,"per_second":null},"api_doc_url":"https://apidoc.cometapi.com"}]}""";

	private static final String ERROR = """
			{"error":{"message":"bad (request id: 2026X)","type":"comet_api_error","param":"","code":"invalid_request"}}""";

	private static final String CHUNK = """
			{"id":"c1","object":"chat.completion.chunk","created":1782300000,"model":"gpt-4o",\
			"choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}],"usage":null}""";

	private static final String USAGE_CHUNK = """
			{"id":"c1","object":"chat.completion.chunk","created":1782300000,"model":"gpt-4o","choices":[],\
			"usage":{"prompt_tokens":31,"completion_tokens":3,"total_tokens":34}}""";

	private static final String[] WRONG_VALUES = { "null", "\"x\"", "1e400", "-1", "[]", "{}", "true",
			"99999999999999999999999", "\"\\u0000\\ud800\"", "[[[[[]]]]]", "\"" + "é漢😀".repeat(50) + "\"", "-0.0" };

	private final AtomicReference<Served> next = new AtomicReference<>();

	private final CometTemplate template = CometTemplate.builder()
		.baseUrl("http://fuzz.invalid")
		.apiKey("sk-fuzz")
		.retry(new RetrySettings(2, Duration.ZERO, 1.0, Duration.ZERO, Jitter.NONE, false))
		.retryBudget(RetryBudget.unlimited())
		.cooldown(CooldownSettings.DISABLED)
		.responseTimeout(Duration.ofSeconds(2))
		.streamFirstChunkTimeout(Duration.ofSeconds(2))
		.streamIdleTimeout(Duration.ofSeconds(2))
		.timeout(Duration.ofSeconds(4))
		.maxResponseSize(64 * 1024)
		.webClientCustomizer((builder) -> builder.clientConnector(connector()))
		.build();

	@AfterEach
	void close() {
		this.template.close();
	}

	@Test
	void chatBodiesEndInSuccessOrTypedException() {
		fuzz("chat", CHAT, () -> this.template.chat("fuzz", "hi"));
	}

	@Test
	void embeddingBodiesEndInSuccessOrTypedException() {
		fuzz("embeddings", EMBEDDINGS, () -> this.template.embeddings(EmbeddingRequest.of("fuzz", "hi")));
	}

	@Test
	void modelListBodiesEndInSuccessOrTypedException() {
		fuzz("models", MODELS, this.template::models);
	}

	@Test
	void catalogBodiesEndInSuccessOrTypedException() {
		fuzz("catalog", CATALOG, this.template::catalog);
	}

	@Test
	void errorBodiesEndInTypedException() {
		fuzz("error", ERROR, () -> this.template.chat("fuzz", "hi"));
	}

	@Test
	void sseStreamsEndInSuccessOrTypedException() {
		Random random = new Random(SEED);
		List<String> problems = new ArrayList<>();
		for (int i = 0; i < 2 * CASES; i++) {
			String body = sse(random);
			this.next.set(new Served(random.nextInt(20) == 0 ? randomStatus(random) : 200, MediaType.TEXT_EVENT_STREAM,
					split(body.getBytes(StandardCharsets.UTF_8), random)));
			check("sse", i, body, this.template.stream(ChatRequest.of("fuzz", "hi")).count(), problems);
		}
		assertThat(problems).as("SSE cases that ended untyped or hung (seed " + SEED + ")").isEmpty();
	}

	private void fuzz(String kind, String base, Supplier<Mono<?>> call) {
		Random random = new Random(SEED ^ kind.hashCode());
		List<String> problems = new ArrayList<>();
		for (int i = 0; i < CASES; i++) {
			String body = mutate(base, random);
			int status = (kind.equals("error") || random.nextInt(10) == 0) ? randomStatus(random) : 200;
			this.next.set(new Served(status, random.nextBoolean() ? MediaType.APPLICATION_JSON : MediaType.TEXT_HTML,
					split(body.getBytes(StandardCharsets.UTF_8), random)));
			check(kind, i, body, call.get(), problems);
		}
		assertThat(problems).as(kind + " cases that ended untyped or hung (seed " + SEED + ")").isEmpty();
	}

	private static void check(String kind, int index, String body, Mono<?> call, List<String> problems) {
		try {
			call.block(BOUND);
		}
		catch (CometApiException ex) {
			// typed: fine
		}
		catch (RuntimeException | Error ex) {
			if (problems.size() < 10) {
				String excerpt = (body.length() > 300) ? body.substring(0, 300) + "…" : body;
				problems.add(kind + " case " + index + " ended with " + ex + " for body: " + excerpt);
			}
		}
	}

	private static String mutate(String base, Random random) {
		String body = base;
		int mutations = 1 + random.nextInt(3);
		for (int m = 0; m < mutations; m++) {
			body = switch (random.nextInt(12)) {
				case 0 -> body.substring(0, random.nextInt(body.length() + 1));
				case 1 -> flip(body, random);
				case 2, 3 -> wrongValue(body, random);
				case 4 -> "[".repeat(2000 + random.nextInt(4000)) + body;
				case 5 -> "{\"a\":".repeat(1000 + random.nextInt(2000)) + "1" + "}".repeat(1000);
				case 6 -> "";
				case 7 -> "<!DOCTYPE html><html><body>524: A timeout occurred</body></html>";
				case 8 -> body.replace("\"", "'");
				case 9 -> body + body;
				case 10 -> "{\"choices\":\"" + "x".repeat(70_000) + "\"}";
				default -> body;
			};
		}
		return body;
	}

	private static String flip(String body, Random random) {
		if (body.isEmpty()) {
			return body;
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < 1 + random.nextInt(4); i++) {
			bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
		}
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

	private static String wrongValue(String body, Random random) {
		List<int[]> values = new ArrayList<>();
		for (int i = body.indexOf(':'); i >= 0; i = body.indexOf(':', i + 1)) {
			int end = i + 1;
			while (end < body.length() && ",}]".indexOf(body.charAt(end)) < 0) {
				end++;
			}
			values.add(new int[] { i + 1, end });
		}
		if (values.isEmpty()) {
			return body;
		}
		int[] value = values.get(random.nextInt(values.size()));
		return body.substring(0, value[0]) + WRONG_VALUES[random.nextInt(WRONG_VALUES.length)]
				+ body.substring(value[1]);
	}

	private static String sse(Random random) {
		List<String> lines = new ArrayList<>();
		int chunks = random.nextInt(5);
		for (int i = 0; i < chunks; i++) {
			lines.add("data: " + ((random.nextInt(4) == 0) ? mutate(CHUNK, random) : CHUNK));
			lines.add(random.nextInt(8) == 0 ? ": PING" : "");
		}
		switch (random.nextInt(10)) {
			case 0 -> lines.add("event: error\ndata: " + ERROR);
			case 1 -> lines.add("data: " + ERROR);
			case 2 -> lines.add(ERROR);
			case 3 -> lines.add("data: {\"choi");
			case 4 -> lines.add(String.valueOf((char) random.nextInt(0x3000)).repeat(random.nextInt(50)));
			case 5 -> lines.add("data: " + mutate(USAGE_CHUNK, random));
			default -> lines.add("data: " + USAGE_CHUNK);
		}
		lines.add("");
		if (random.nextInt(4) != 0) {
			lines.add("data: [DONE]");
			lines.add("");
		}
		String separator = switch (random.nextInt(4)) {
			case 0 -> "\r\n";
			case 1 -> "\r";
			default -> "\n";
		};
		String body = String.join(separator, lines);
		return (random.nextInt(10) == 0) ? body.replace(separator + separator, separator) : body;
	}

	private static List<byte[]> split(byte[] bytes, Random random) {
		List<byte[]> pieces = new ArrayList<>();
		int start = 0;
		while (start < bytes.length) {
			int length = 1 + random.nextInt(Math.max(1, Math.min(bytes.length - start, 64)));
			byte[] piece = new byte[length];
			System.arraycopy(bytes, start, piece, 0, length);
			pieces.add(piece);
			start += length;
		}
		return pieces;
	}

	private static int randomStatus(Random random) {
		int[] statuses = { 200, 204, 301, 400, 401, 403, 404, 413, 422, 429, 500, 502, 503, 504, 524, 599 };
		return statuses[random.nextInt(statuses.length)];
	}

	private ClientHttpConnector connector() {
		return (HttpMethod method, URI uri,
				java.util.function.Function<? super org.springframework.http.client.reactive.ClientHttpRequest, Mono<Void>> requestCallback) -> requestCallback
					.apply(new MockClientHttpRequest(method, uri))
					.then(Mono.fromSupplier(() -> {
						Served served = this.next.get();
						MockClientHttpResponse response = new MockClientHttpResponse(served.status());
						response.getHeaders().setContentType(served.contentType());
						response.setBody(
								Flux.fromIterable(served.pieces()).map((piece) -> (DataBuffer) BUFFERS.wrap(piece)));
						return response;
					}));
	}

	/**
	 * What the stub connector answers next.
	 */
	private record Served(int status, MediaType contentType, List<byte[]> pieces) {

	}

}
