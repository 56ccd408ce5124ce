package com.cometapi.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelOption;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import com.cometapi.client.CometClient;
import com.cometapi.client.CometTemplate;
import com.cometapi.client.resilience.AdaptiveConcurrencyLimiter;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.client.wire.CometJson;
import com.cometapi.test.CometApiMockServer;

/**
 * One mock server and the clients compared against it: a raw {@link WebClient} and two
 * {@link CometTemplate}s (no limiter; the adaptive limiter with max-in-flight 64). The
 * raw client is built the way the template builds its own (same Reactor Netty pool
 * settings, same codecs limit, same bearer header), posts the very bytes the template
 * would send, and reads the answer with the same {@link ObjectMapper} into the same
 * {@link ChatCompletion}: what is left between the two is the template's pipeline
 * (validation, serialisation, limiter, retry operators, observation with the NOOP
 * registry, call metadata).
 *
 * @author CometAPI team
 */
final class ChatFixture implements AutoCloseable {

	static final String MODEL = "gpt-4o";

	static final String PATH = "/v1/chat/completions";

	static final int LIMIT = 64;

	private final CometApiMockServer mock;

	private final ObjectMapper mapper = CometJson.newObjectMapper();

	private final ChatRequest request = ChatRequest.of(MODEL, "Say hello.");

	private final byte[] body;

	private final byte[] streamBody;

	private final ConnectionProvider rawPool;

	private final WebClient raw;

	private final CometTemplate template;

	private final CometTemplate limited;

	private final AdaptiveConcurrencyLimiter limiter;

	private final CometTemplate starter;

	ChatFixture(CometApiMockServer mock) {
		this.mock = mock;
		try {
			this.body = this.mapper.writeValueAsBytes(this.request);
			this.streamBody = this.mapper.writeValueAsBytes(this.request.withStream(true, true));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.rawPool = ConnectionProvider.builder("raw")
			.maxConnections(500)
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(Duration.ofSeconds(30))
			.build();
		HttpClient http = HttpClient.create(this.rawPool)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
			.followRedirect(false);
		this.raw = WebClient.builder()
			.baseUrl(mock.baseUrl())
			.clientConnector(new ReactorClientHttpConnector(http))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer benchmark-key")
			.build();
		this.template = CometTemplate.builder()
			.baseUrl(mock.baseUrl())
			.apiKey("benchmark-key")
			.limiter(CometLimiter.unlimited())
			.build();
		this.limiter = AdaptiveConcurrencyLimiter.builder().maxInFlight(LIMIT).maxQueued(10_000).build();
		this.limited = CometTemplate.builder()
			.baseUrl(mock.baseUrl())
			.apiKey("benchmark-key")
			.limiter(this.limiter)
			.build();
		this.starter = CometTemplate.builder()
			.baseUrl(mock.baseUrl())
			.apiKey("benchmark-key")
			.limiter(AdaptiveConcurrencyLimiter.builder().build())
			.build();
	}

	/**
	 * Start a mock answering every chat with the default completion, and the clients.
	 * @return the fixture
	 */
	static ChatFixture start() {
		return new ChatFixture(CometApiMockServer.start());
	}

	CometApiMockServer mock() {
		return this.mock;
	}

	AdaptiveConcurrencyLimiter limiter() {
		return this.limiter;
	}

	Mono<ChatCompletion> raw() {
		return raw(this.body);
	}

	Mono<ChatCompletion> raw(byte[] json) {
		return this.raw.post()
			.uri(PATH)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.retrieve()
			.bodyToMono(byte[].class)
			.map(this::completion);
	}

	Mono<ChatCompletion> template() {
		return this.template.chat(this.request);
	}

	ChatCompletion blocking() {
		return CometClient.of(this.template).chat(this.request);
	}

	Mono<ChatCompletion> limited() {
		return this.limited.chat(this.request);
	}

	/**
	 * A chat call of a template with the starter's defaults: the adaptive limiter as
	 * auto-configured (ceiling 1,000), default retry, budget, cooldowns and deadline.
	 * @return the call
	 */
	Mono<ChatCompletion> starter() {
		return this.starter.chat(this.request);
	}

	Flux<ChatCompletionChunk> starterStream() {
		return this.starter.stream(this.request);
	}

	Flux<ChatCompletionChunk> rawStream() {
		return this.raw.post()
			.uri(PATH)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(this.streamBody)
			.retrieve()
			.bodyToFlux(String.class)
			.takeWhile((data) -> !"[DONE]".equals(data))
			.map(this::chunk);
	}

	Flux<ChatCompletionChunk> templateStream() {
		return this.template.stream(this.request);
	}

	/**
	 * Return the bytes the template would send for a request.
	 * @param request the request
	 * @return the JSON
	 */
	byte[] bodyOf(ChatRequest request) {
		try {
			return this.mapper.writeValueAsBytes(request);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Make a few calls of every kind, so that connections are open and classes loaded.
	 */
	void warmUp() {
		for (int i = 0; i < 50; i++) {
			raw().block(Duration.ofSeconds(10));
			template().block(Duration.ofSeconds(10));
			limited().block(Duration.ofSeconds(10));
			starter().block(Duration.ofSeconds(10));
		}
		this.mock.reset();
	}

	private ChatCompletion completion(byte[] bytes) {
		try {
			return this.mapper.readValue(bytes, ChatCompletion.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private ChatCompletionChunk chunk(String data) {
		try {
			return this.mapper.readValue(data, ChatCompletionChunk.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.template.close();
		this.limited.close();
		this.starter.close();
		this.rawPool.dispose();
		this.mock.close();
	}

}
