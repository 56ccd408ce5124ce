package com.cometapi.client;

import java.util.function.Consumer;
import java.util.stream.Stream;

import com.cometapi.client.catalog.CatalogResponse;
import com.cometapi.client.error.CometApiException;
import com.cometapi.client.error.CometInterruptedException;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.client.wire.EmbeddingRequest;
import com.cometapi.client.wire.EmbeddingResponse;
import com.cometapi.client.wire.ModelList;

/**
 * The blocking face of a {@link CometTemplate}, for Spring MVC and virtual threads: each
 * method runs the template's call (the same validation, concurrency limit, retry and
 * fallback) and waits for it on the calling thread.
 * <ul>
 * <li>A value is returned; a failure is thrown as the template's typed
 * {@link CometApiException}, never wrapped.</li>
 * <li>Interrupting the waiting thread cancels the call, which gives back its limiter
 * permit and closes its connection, sets the interrupt flag again and throws a
 * {@link CometInterruptedException}.</li>
 * <li>Called on a thread that must not block (a Reactor Netty event loop, a
 * {@code Schedulers.parallel()} worker), every method throws an
 * {@link IllegalStateException} at once: use the reactive {@link CometOperations}
 * there.</li>
 * </ul>
 * Nothing waits but the calling thread: it is a plain latch, never {@code Mono.block()},
 * and the template's call deadline ({@code cometapi.timeout}) bounds every wait.
 * Thread-safe; the Spring Boot starter declares one next to the {@code CometTemplate}.
 * <pre class="code">
 * CometClient comet = CometClient.of(template);
 * String answer = comet.prompt("Say hello.").content();
 * try (Stream&lt;ChatCompletionChunk&gt; chunks = comet.stream(ChatRequest.of("gpt-4o", "Tell me a story"))) {
 *     chunks.map(ChatCompletionChunk::contentDelta).filter(Objects::nonNull).forEach(System.out::print);
 * }
 * </pre>
 *
 * @author CometAPI team
 */
public final class CometClient {

	/**
	 * How many chunks a stream requests ahead of its reader.
	 */
	public static final int STREAM_PREFETCH = 32;

	private final CometOperations operations;

	private CometClient(CometOperations operations) {
		this.operations = operations;
	}

	/**
	 * Return a blocking client of the given operations, usually a {@link CometTemplate}.
	 * @param operations the reactive operations
	 * @return the blocking client
	 */
	public static CometClient of(CometOperations operations) {
		if (operations == null) {
			throw new IllegalArgumentException("operations must not be null");
		}
		return new CometClient(operations);
	}

	/**
	 * Create a chat completion; see {@link CometOperations#chat(ChatRequest)}.
	 * @param request the request
	 * @return the completion, with its {@link ChatCompletion#callResult()}
	 * @throws CometApiException the call's typed failure
	 * @throws CometInterruptedException when the thread is interrupted (the call is
	 * cancelled)
	 */
	public ChatCompletion chat(ChatRequest request) {
		return BlockingCall.await("chat", this.operations.chat(request));
	}

	/**
	 * Create a chat completion of one user message with the given model.
	 * @param model the model
	 * @param prompt the user message
	 * @return the completion
	 * @throws CometApiException the call's typed failure
	 * @throws CometInterruptedException when the thread is interrupted
	 */
	public ChatCompletion chat(String model, String prompt) {
		return BlockingCall.await("chat", this.operations.chat(model, prompt));
	}

	/**
	 * Create a chat completion of one user message with the route's models.
	 * @param prompt the user message
	 * @return the completion
	 * @throws CometApiException the call's typed failure
	 * @throws CometInterruptedException when the thread is interrupted
	 */
	public ChatCompletion prompt(String prompt) {
		return BlockingCall.await("prompt", this.operations.prompt(prompt));
	}

	/**
	 * Stream a chat completion; see {@link CometOperations#stream(ChatRequest)}. The call
	 * starts at once. The stream must be closed, best with try-with-resources: closing it
	 * cancels the call, which gives back its permit and closes its connection (a stream
	 * read to its end needs no more, but closing it does no harm). The client requests
	 * {@value #STREAM_PREFETCH} chunks ahead of the reader and more only as the reader
	 * takes them, so a slow reader slows the reading of the socket rather than filling
	 * memory. A failure is thrown, unwrapped, by the terminal operation reading the
	 * stream; an interrupt while it waits cancels the call and throws a
	 * {@link CometInterruptedException}.
	 * @param request the request
	 * @return the chunks, usage chunk included
	 * @throws CometInterruptedException when the thread is interrupted before the call
	 * starts
	 */
	public Stream<ChatCompletionChunk> stream(ChatRequest request) {
		return BlockingStream.open("stream", this.operations.stream(request), STREAM_PREFETCH);
	}

	/**
	 * Stream a chat completion to a callback, run on the calling thread for each chunk as
	 * it arrives, and return the whole answer. A callback that throws cancels the call
	 * and its exception is thrown from here.
	 * @param request the request
	 * @param chunks called with each chunk, usage chunk included
	 * @return the completion assembled from the chunks (see
	 * {@link ChatStreamAggregator}); it has no {@code callResult}
	 * @throws CometApiException the call's typed failure
	 * @throws CometInterruptedException when the thread is interrupted
	 */
	public ChatCompletion stream(ChatRequest request, Consumer<? super ChatCompletionChunk> chunks) {
		ChatStreamAggregator aggregator = new ChatStreamAggregator();
		try (Stream<ChatCompletionChunk> stream = stream(request)) {
			stream.forEach((chunk) -> {
				aggregator.add(chunk);
				chunks.accept(chunk);
			});
		}
		return aggregator.toCompletion();
	}

	/**
	 * Create embeddings; see {@link CometOperations#embeddings(EmbeddingRequest)}.
	 * @param request the request
	 * @return the embeddings
	 * @throws CometApiException the call's typed failure
	 * @throws CometInterruptedException when the thread is interrupted
	 */
	public EmbeddingResponse embeddings(EmbeddingRequest request) {
		return BlockingCall.await("embeddings", this.operations.embeddings(request));
	}

	/**
	 * List the models this key may use.
	 * @return the model list
	 * @throws CometApiException the call's typed failure
	 * @throws CometInterruptedException when the thread is interrupted
	 */
	public ModelList models() {
		return BlockingCall.await("models", this.operations.models());
	}

	/**
	 * Read CometAPI's public model catalog.
	 * @return the catalog
	 * @throws CometApiException the call's typed failure
	 * @throws CometInterruptedException when the thread is interrupted
	 */
	public CatalogResponse catalog() {
		return BlockingCall.await("catalog", this.operations.catalog());
	}

	/**
	 * Return a blocking client of a named route ({@code cometapi.routes.<name>}).
	 * @param name the route's name
	 * @return the route's blocking client
	 * @throws com.cometapi.client.error.CometUnknownRouteException if no route has that
	 * name
	 */
	public CometClient route(String name) {
		return new CometClient(this.operations.route(name));
	}

	/**
	 * Return the reactive operations this client waits on, for the calls that should not
	 * block.
	 * @return the operations
	 */
	public CometOperations getOperations() {
		return this.operations;
	}

	@Override
	public String toString() {
		return "CometClient[" + this.operations + "]";
	}

}
