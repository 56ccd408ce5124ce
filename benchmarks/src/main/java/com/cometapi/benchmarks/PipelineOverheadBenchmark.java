package com.cometapi.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.mock.http.client.reactive.MockClientHttpRequest;
import org.springframework.mock.http.client.reactive.MockClientHttpResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.client.wire.CometJson;

/**
 * JMH, one thread: the CPU cost of a chat call with no network at all. Both clients get a
 * {@link ClientHttpConnector} that answers in memory with the same completion JSON, so
 * the difference between them is the template's pipeline alone (validation,
 * serialisation, retry and fallback operators, deadline and response timers, observation
 * with the NOOP registry, call metadata), free of loopback and of the mock.
 *
 * @author CometAPI team
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
public class PipelineOverheadBenchmark {

	private static final String COMPLETION = """
			{"id":"chatcmpl-1","object":"chat.completion","created":1782300000,"model":"gpt-4o",\
			"system_fingerprint":"fp_cometmock","choices":[{"index":0,"message":{"role":"assistant",\
			"content":"Hello!","refusal":null},"logprobs":null,"finish_reason":"stop"}],\
			"usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18,\
			"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}""";

	private final ObjectMapper mapper = CometJson.newObjectMapper();

	private final ChatRequest request = ChatRequest.of(ChatFixture.MODEL, "Say hello.");

	private byte[] body;

	private WebClient raw;

	private CometTemplate template;

	@Setup
	public void build() {
		try {
			this.body = this.mapper.writeValueAsBytes(this.request);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.raw = WebClient.builder()
			.baseUrl("http://comet.invalid")
			.clientConnector(connector())
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer benchmark-key")
			.build();
		this.template = CometTemplate.builder()
			.baseUrl("http://comet.invalid")
			.apiKey("benchmark-key")
			.limiter(CometLimiter.unlimited())
			.webClientCustomizer((builder) -> builder.clientConnector(connector()))
			.build();
	}

	static ClientHttpConnector connector() {
		byte[] completion = COMPLETION.getBytes(StandardCharsets.UTF_8);
		return (method, uri, callback) -> {
			MockClientHttpRequest request = new MockClientHttpRequest(method, uri);
			return callback.apply(request)
				.then(Mono.defer(() -> request.getBody().then()))
				.then(Mono.fromSupplier(() -> {
					MockClientHttpResponse response = new MockClientHttpResponse(HttpStatus.OK);
					response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
					response.getHeaders().set("X-Oneapi-Request-Id", "20260624101512345678901AbCdEfGh");
					response.setBody(Mono.fromSupplier(() -> DefaultDataBufferFactory.sharedInstance.wrap(completion)));
					return response;
				}));
		};
	}

	@Benchmark
	public ChatCompletion inMemoryRawWebClient() throws IOException {
		byte[] answer = this.raw.post()
			.uri(ChatFixture.PATH)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(this.body)
			.retrieve()
			.bodyToMono(byte[].class)
			.block();
		return this.mapper.readValue(answer, ChatCompletion.class);
	}

	@Benchmark
	public ChatCompletion inMemoryCometTemplate() {
		return this.template.chat(this.request).block();
	}

}
