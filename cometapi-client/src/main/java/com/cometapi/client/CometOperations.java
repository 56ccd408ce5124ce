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
 * The operations of a CometAPI client, implemented by {@link CometTemplate}. Every call
 * is validated before it leaves, held behind the concurrency limit, retried when retrying
 * can help, moved to the next model of the route when the model is the problem, and
 * failed at once with a {@link com.cometapi.client.error.CometApiException} when the
 * request or the key is.
 *
 * @author CometAPI team
 */
public interface CometOperations {

	/**
	 * Create a chat completion. A request that names a model uses that model, then its
	 * {@link ChatRequest#fallbackModels() fallback models}; a request without a model
	 * uses the route's models in order.
	 * @param request the request
	 * @return the completion; {@link ChatCompletion#callResult()} says which model served
	 * it, after how many attempts, with which request id
	 */
	Mono<ChatCompletion> chat(ChatRequest request);

	/**
	 * Create a chat completion of one user message with the given model.
	 * @param model the model
	 * @param prompt the user message
	 * @return the completion
	 */
	Mono<ChatCompletion> chat(String model, String prompt);

	/**
	 * Create a chat completion of one user message with the route's models.
	 * @param prompt the user message
	 * @return the completion
	 */
	Mono<ChatCompletion> prompt(String prompt);

	/**
	 * Stream a chat completion as server-sent events. The request is sent with
	 * {@code stream: true} and, unless switched off, {@code stream_options.include_usage}
	 * so that the last chunk carries the token usage. It runs through the same pipeline
	 * as {@link #chat(ChatRequest)}: validation, the concurrency limit (the permit is
	 * held until the stream ends, fails or is cancelled), retry and fallback, but only
	 * until the first chunk has reached the subscriber; chunks are never replayed. A
	 * failure after the first chunk is a
	 * {@link com.cometapi.client.error.CometStreamException}. Cancelling the subscription
	 * closes the connection. {@link ChatStreamAggregator} turns the chunks into a
	 * {@link ChatCompletion}.
	 * @param request the request
	 * @return the chunks, usage chunk included
	 */
	Flux<ChatCompletionChunk> stream(ChatRequest request);

	/**
	 * Create embeddings. Embeddings never fall back to another model: vectors of
	 * different models cannot be compared.
	 * @param request the request
	 * @return the embeddings
	 */
	Mono<EmbeddingResponse> embeddings(EmbeddingRequest request);

	/**
	 * List the models this key may use ({@code GET /v1/models}).
	 * @return the model list
	 */
	Mono<ModelList> models();

	/**
	 * Read CometAPI's public model catalog ({@code GET /api/models}, sent without the API
	 * key): ids, providers, types, features and prices.
	 * @return the catalog
	 */
	Mono<CatalogResponse> catalog();

	/**
	 * Return operations bound to a named route ({@code cometapi.routes.<name>}): its
	 * models, retry settings, deadline and hedging.
	 * @param name the route's name
	 * @return the operations of that route
	 * @throws com.cometapi.client.error.CometUnknownRouteException if no route has that
	 * name
	 */
	CometOperations route(String name);

	/**
	 * Run a callback with the underlying {@link WebClient}, for an endpoint this
	 * interface does not cover: its base URL is CometAPI's and it sends the API key, but
	 * none of the pipeline applies (no validation, limit, retry or fallback).
	 * @param <T> the result type
	 * @param callback the callback
	 * @return the callback's result
	 */
	<T> Mono<T> doWithWebClient(Function<WebClient, ? extends Mono<T>> callback);

}
