package com.cometapi.client;

import java.util.function.Function;
import java.util.function.Predicate;

import com.cometapi.client.catalog.CatalogResponse;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.EmbeddingResponse;
import com.cometapi.client.wire.ModelList;
import com.cometapi.client.wire.Usage;

/**
 * What an endpoint answers: the body's type, how to tell a complete body from one that
 * only parsed (an error envelope sent with a 2xx parses into an empty body), and where
 * its token usage is.
 *
 * @param <T> the body type
 * @param type the body type
 * @param complete whether a parsed body is a real answer
 * @param usage the body's usage, or {@code null} for none
 * @author CometAPI team
 */
record ResponseType<T>(Class<T> type, Predicate<T> complete, Function<T, Usage> usage) {

	static final ResponseType<ChatCompletion> CHAT = new ResponseType<>(ChatCompletion.class,
			(body) -> body.choices() != null, ChatCompletion::usage);

	static final ResponseType<EmbeddingResponse> EMBEDDINGS = new ResponseType<>(EmbeddingResponse.class,
			(body) -> body.data() != null, EmbeddingResponse::usage);

	static final ResponseType<ModelList> MODELS = new ResponseType<>(ModelList.class, (body) -> body.data() != null,
			(body) -> null);

	static final ResponseType<CatalogResponse> CATALOG = new ResponseType<>(CatalogResponse.class,
			(body) -> body.data() != null, (body) -> null);

}
