package com.cometapi.client;

import java.util.function.Function;

import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.cometapi.client.catalog.CatalogResponse;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.client.wire.EmbeddingRequest;
import com.cometapi.client.wire.EmbeddingResponse;
import com.cometapi.client.wire.ModelList;

/**
 * Operations whose streams and chats come from given publishers, for tests of
 * {@link CometClient} that need no server; everything else is unsupported.
 *
 * @param chunks what {@code stream} returns
 * @param completion what the chat methods return
 */
record FixedOperations(Flux<ChatCompletionChunk> chunks, Mono<ChatCompletion> completion) implements CometOperations {

	/**
	 * Operations that only stream; every chat fails as unsupported.
	 * @param chunks what {@code stream} returns
	 * @return the operations
	 */
	static FixedOperations streaming(Flux<ChatCompletionChunk> chunks) {
		return new FixedOperations(chunks, Mono.error(new UnsupportedOperationException()));
	}

	@Override
	public Mono<ChatCompletion> chat(ChatRequest request) {
		return this.completion;
	}

	@Override
	public Mono<ChatCompletion> chat(String model, String prompt) {
		return this.completion;
	}

	@Override
	public Mono<ChatCompletion> prompt(String prompt) {
		return this.completion;
	}

	@Override
	public Flux<ChatCompletionChunk> stream(ChatRequest request) {
		return this.chunks;
	}

	@Override
	public Mono<EmbeddingResponse> embeddings(EmbeddingRequest request) {
		return Mono.error(new UnsupportedOperationException());
	}

	@Override
	public Mono<ModelList> models() {
		return Mono.error(new UnsupportedOperationException());
	}

	@Override
	public Mono<CatalogResponse> catalog() {
		return Mono.error(new UnsupportedOperationException());
	}

	@Override
	public CometOperations route(String name) {
		return this;
	}

	@Override
	public <T> Mono<T> doWithWebClient(Function<WebClient, ? extends Mono<T>> callback) {
		return Mono.error(new UnsupportedOperationException());
	}

}
