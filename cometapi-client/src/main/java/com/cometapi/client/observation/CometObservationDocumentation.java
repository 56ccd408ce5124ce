package com.cometapi.client.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Every observation a {@code CometTemplate} makes, with its keys.
 *
 * @author CometAPI team
 */
public enum CometObservationDocumentation implements ObservationDocumentation {

	/**
	 * One whole call, across its attempts and models.
	 */
	CALL {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultCometCallObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return CallKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return CallHighCardinalityKeys.values();
		}
	},

	/**
	 * One HTTP attempt.
	 */
	ATTEMPT {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultCometAttemptObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return AttemptKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { CallHighCardinalityKeys.REQUEST_ID };
		}
	};

	/**
	 * Low-cardinality keys of {@link #CALL}.
	 */
	public enum CallKeys implements KeyName {

		/**
		 * The operation: {@code chat}, {@code embeddings}, {@code models}.
		 */
		OPERATION_NAME("gen_ai.operation.name"),

		/**
		 * Always {@code cometapi}.
		 */
		PROVIDER_NAME("gen_ai.provider.name"),

		/**
		 * The first model the call asked for.
		 */
		REQUEST_MODEL("gen_ai.request.model"),

		/**
		 * The model that answered, or {@code none}.
		 */
		RESPONSE_MODEL("gen_ai.response.model"),

		/**
		 * The exception's simple class name, or {@code none}.
		 */
		ERROR_TYPE("error.type"),

		/**
		 * The host name of the API, when known.
		 */
		SERVER_ADDRESS("server.address"),

		/**
		 * The port of the API, when its host is known.
		 */
		SERVER_PORT("server.port"),

		/**
		 * The route, or {@code default}.
		 */
		ROUTE("cometapi.route"),

		/**
		 * How the call ended, see {@link CometOutcome}.
		 */
		OUTCOME("cometapi.outcome");

		private final String key;

		CallKeys(String key) {
			this.key = key;
		}

		@Override
		public String asString() {
			return this.key;
		}

	}

	/**
	 * High-cardinality keys: on traces only, never on metrics.
	 */
	public enum CallHighCardinalityKeys implements KeyName {

		/**
		 * CometAPI's request id.
		 */
		REQUEST_ID("cometapi.request_id"),

		/**
		 * Input tokens of the answer.
		 */
		INPUT_TOKENS("gen_ai.usage.input_tokens"),

		/**
		 * Output tokens of the answer.
		 */
		OUTPUT_TOKENS("gen_ai.usage.output_tokens"),

		/**
		 * HTTP attempts of the call.
		 */
		ATTEMPTS("cometapi.attempts"),

		/**
		 * The id of the answer ({@code chatcmpl-...}), for chat calls; of a stream, the
		 * first id its chunks name.
		 */
		RESPONSE_ID("gen_ai.response.id"),

		/**
		 * The finish reason of each choice, comma-separated, at most 16, for chat calls;
		 * of a stream, in the order its chunks give them.
		 */
		FINISH_REASONS("gen_ai.response.finish_reasons"),

		/**
		 * The sampling temperature the request sets.
		 */
		REQUEST_TEMPERATURE("gen_ai.request.temperature"),

		/**
		 * The most tokens the request lets the model generate: its
		 * {@code max_completion_tokens}, else its {@code max_tokens}.
		 */
		REQUEST_MAX_TOKENS("gen_ai.request.max_tokens"),

		/**
		 * The nucleus sampling mass the request sets.
		 */
		REQUEST_TOP_P("gen_ai.request.top_p"),

		/**
		 * The frequency penalty the request sets.
		 */
		REQUEST_FREQUENCY_PENALTY("gen_ai.request.frequency_penalty"),

		/**
		 * The presence penalty the request sets.
		 */
		REQUEST_PRESENCE_PENALTY("gen_ai.request.presence_penalty"),

		/**
		 * The stop sequences the request sets, as a JSON array of strings: at most 4,
		 * each cut to 64 characters.
		 */
		REQUEST_STOP_SEQUENCES("gen_ai.request.stop_sequences"),

		/**
		 * The seed the request sets.
		 */
		REQUEST_SEED("gen_ai.request.seed"),

		/**
		 * How many choices the request asks for, when not 1.
		 */
		REQUEST_CHOICE_COUNT("gen_ai.request.choice.count"),

		/**
		 * The encoding format an embeddings request sets.
		 */
		REQUEST_ENCODING_FORMATS("gen_ai.request.encoding_formats"),

		/**
		 * The size of the vectors an embeddings request asks for.
		 */
		EMBEDDINGS_DIMENSION_COUNT("gen_ai.embeddings.dimension.count");

		private final String key;

		CallHighCardinalityKeys(String key) {
			this.key = key;
		}

		@Override
		public String asString() {
			return this.key;
		}

	}

	/**
	 * Low-cardinality keys of {@link #ATTEMPT}.
	 */
	public enum AttemptKeys implements KeyName {

		/**
		 * The operation.
		 */
		OPERATION_NAME("gen_ai.operation.name"),

		/**
		 * The model asked for.
		 */
		MODEL("gen_ai.request.model"),

		/**
		 * The route, or {@code default}.
		 */
		ROUTE("cometapi.route"),

		/**
		 * The HTTP status, or {@code IO_ERROR} / {@code TIMEOUT}.
		 */
		STATUS("status"),

		/**
		 * {@code success}, {@code retry}, {@code next_model} or {@code fail}.
		 */
		DECISION("cometapi.decision");

		private final String key;

		AttemptKeys(String key) {
			this.key = key;
		}

		@Override
		public String asString() {
			return this.key;
		}

	}

}
