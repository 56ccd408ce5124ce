package com.cometapi.ai;

/**
 * The keys under which {@link CometChatModel} and {@link CometEmbeddingModel} put how a
 * call was served into the response metadata ({@code ChatResponseMetadata#get(String)},
 * {@code EmbeddingResponseMetadata#get(String)}). The metadata's own {@code getModel()}
 * is the model that served (from the route or fallback list, not the snapshot id the
 * server echoes), {@code getId()} the response id and {@code getUsage()} the token usage,
 * whose {@code getNativeUsage()} is CometAPI's {@link com.cometapi.client.wire.Usage}.
 *
 * @author CometAPI team
 */
public final class CometMetadata {

	/**
	 * The whole {@link com.cometapi.client.wire.CallResult}.
	 */
	public static final String CALL_RESULT = "cometapi.call-result";

	/**
	 * The model that served the call ({@code String}).
	 */
	public static final String SERVED_MODEL = "cometapi.served-model";

	/**
	 * CometAPI's request id of the answer ({@code String}), absent when the server sent
	 * none.
	 */
	public static final String REQUEST_ID = "cometapi.request-id";

	/**
	 * The HTTP attempts of the call across all models ({@code Integer}).
	 */
	public static final String ATTEMPTS = "cometapi.attempts";

	/**
	 * The estimated cost in USD ({@code BigDecimal}), absent when the price is unknown.
	 */
	public static final String ESTIMATED_COST = "cometapi.estimated-cost";

	/**
	 * The {@code model} field the server echoed, which may name a dated snapshot.
	 */
	public static final String RESPONSE_MODEL = "cometapi.response-model";

	private CometMetadata() {
	}

}
