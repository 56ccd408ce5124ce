package com.cometapi.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.mock.http.client.reactive.MockClientHttpRequest;
import org.springframework.mock.http.client.reactive.MockClientHttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.client.wire.CometJson;

/**
 * JMH, one thread (one core): chunks per second parsed from a long SSE body of
 * {@value #CHUNKS} chunks shaped like CometAPI's (with its {@code obfuscation} extra, a
 * {@code : PING} every 50 chunks, {@code data: [DONE]} at the end), cut into 8 KB buffers
 * as the network would hand them over. {@code templateStream} reads them through
 * {@link CometTemplate#stream(ChatRequest)}, whose web client answers from memory (no
 * socket, no limiter, as in {@link PipelineOverheadBenchmark}): the template's own
 * decoder and chunk reader plus the per-chunk work of a streamed call (its idle timeout);
 * {@code jacksonOnly} parses the same data lines with the same mapper and nothing else,
 * the floor no SSE client can go under.
 *
 * @author CometAPI team
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class StreamParseBenchmark {

	static final int CHUNKS = 1000;

	private final ObjectMapper mapper = CometJson.newObjectMapper();

	private final DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;

	private List<byte[]> slices;

	private List<String> dataLines;

	private CometTemplate template;

	@Setup
	public void prepare() {
		this.dataLines = new ArrayList<>(CHUNKS);
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < CHUNKS; i++) {
			String delta = (i == 0) ? "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}"
					: "{\"content\":\" token" + i + "\"}";
			String data = "{\"id\":\"chatcmpl-Dx1\",\"object\":\"chat.completion.chunk\",\"created\":1782300000,"
					+ "\"model\":\"gpt-5.4-mini-2026-03-17\",\"system_fingerprint\":\"fp_cometmock\",\"choices\":[{\"index\":0,"
					+ "\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,"
					+ "\"obfuscation\":\"k2Qz\"}";
			this.dataLines.add(data);
			body.append("data: ").append(data).append("\n\n");
			if (i % 50 == 49) {
				body.append(": PING\n\n");
			}
		}
		body.append("data: [DONE]\n\n");
		byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
		this.slices = new ArrayList<>();
		for (int from = 0; from < bytes.length; from += 8192) {
			this.slices.add(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + 8192)));
		}
		this.template = CometTemplate.builder()
			.baseUrl("http://comet.invalid")
			.apiKey("benchmark-key")
			.objectMapper(this.mapper)
			.limiter(CometLimiter.unlimited())
			.webClientCustomizer((builder) -> builder.clientConnector(this::answer))
			.build();
	}

	@TearDown
	public void close() {
		this.template.close();
	}

	/**
	 * Answer every request with the SSE body, from memory, as the connector of the
	 * template's web client.
	 */
	private Mono<ClientHttpResponse> answer(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> callback) {
		MockClientHttpRequest request = new MockClientHttpRequest(method, uri);
		return callback.apply(request).then(Mono.defer(() -> request.getBody().then())).then(Mono.fromSupplier(() -> {
			MockClientHttpResponse response = new MockClientHttpResponse(HttpStatus.OK);
			response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
			response.setBody(Flux.fromIterable(this.slices).map(this.buffers::wrap));
			return response;
		}));
	}

	/**
	 * Return the size of the SSE body.
	 * @return the bytes
	 */
	int bodyBytes() {
		return this.slices.stream().mapToInt((slice) -> slice.length).sum();
	}

	@Benchmark
	@OperationsPerInvocation(CHUNKS)
	public Long templateStream() {
		return this.template.stream(ChatRequest.of("gpt-4o", "Hi")).count().block();
	}

	@Benchmark
	@OperationsPerInvocation(CHUNKS)
	public void jacksonOnly(Blackhole blackhole) throws IOException {
		for (String data : this.dataLines) {
			blackhole.consume(this.mapper.readValue(data, ChatCompletionChunk.class));
		}
	}

}
