package com.cometapi.client.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.docs.MeterDocumentation;

/**
 * Every meter a {@code CometTemplate} records besides the timers of its observations
 * ({@code gen_ai.client.operation} and {@code cometapi.client.attempt}, see
 * {@link CometObservationDocumentation}), with its tags: OpenTelemetry's GenAI client
 * metrics and the {@code cometapi.*} meters that add what they do not say. All tags are
 * low-cardinality: model names, routes, statuses and reasons, never a prompt or a request
 * id.
 *
 * @author CometAPI team
 */
public enum CometMeterDocumentation implements MeterDocumentation {

	/**
	 * Failed attempts retried on the same model.
	 */
	RETRIES {
		@Override
		public String getName() {
			return "cometapi.client.retries";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.COUNTER;
		}

		@Override
		public KeyName[] getKeyNames() {
			return new KeyName[] { MeterKeys.MODEL, MeterKeys.REASON };
		}
	},

	/**
	 * Moves of a call from one model to the next.
	 */
	FALLBACKS {
		@Override
		public String getName() {
			return "cometapi.client.fallbacks";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.COUNTER;
		}

		@Override
		public KeyName[] getKeyNames() {
			return new KeyName[] { MeterKeys.FROM, MeterKeys.TO, MeterKeys.REASON };
		}
	},

	/**
	 * OpenTelemetry's {@code gen_ai.client.operation.duration}: a histogram of whole
	 * calls in seconds, with the specification's bucket boundaries
	 * ({@link CometGenAiMeterObservationHandler#DURATION_BUCKETS}).
	 */
	OPERATION_DURATION {
		@Override
		public String getName() {
			return "gen_ai.client.operation.duration";
		}

		@Override
		public String getBaseUnit() {
			return "s";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.TIMER;
		}

		@Override
		public KeyName[] getKeyNames() {
			return new KeyName[] { MeterKeys.OPERATION_NAME, MeterKeys.PROVIDER_NAME, MeterKeys.ERROR_TYPE,
					MeterKeys.MODEL, MeterKeys.SERVER_PORT, MeterKeys.RESPONSE_MODEL, MeterKeys.SERVER_ADDRESS };
		}
	},

	/**
	 * OpenTelemetry's {@code gen_ai.client.operation.time_to_first_chunk}: a histogram,
	 * in seconds, of the time from the start of a streamed call to its first chunk, with
	 * the buckets of {@link #OPERATION_DURATION}; streamed calls only.
	 */
	TIME_TO_FIRST_CHUNK {
		@Override
		public String getName() {
			return "gen_ai.client.operation.time_to_first_chunk";
		}

		@Override
		public String getBaseUnit() {
			return "s";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.TIMER;
		}

		@Override
		public KeyName[] getKeyNames() {
			return new KeyName[] { MeterKeys.OPERATION_NAME, MeterKeys.PROVIDER_NAME, MeterKeys.MODEL,
					MeterKeys.SERVER_PORT, MeterKeys.RESPONSE_MODEL, MeterKeys.SERVER_ADDRESS };
		}
	},

	/**
	 * OpenTelemetry's {@code gen_ai.client.token.usage}: a histogram of the input and
	 * output tokens of each answer, from its {@code usage}, with the specification's
	 * bucket boundaries ({@link CometGenAiMeterObservationHandler#TOKEN_BUCKETS}).
	 */
	TOKEN_USAGE {
		@Override
		public String getName() {
			return "gen_ai.client.token.usage";
		}

		@Override
		public String getBaseUnit() {
			return "{token}";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.DISTRIBUTION_SUMMARY;
		}

		@Override
		public KeyName[] getKeyNames() {
			return new KeyName[] { MeterKeys.OPERATION_NAME, MeterKeys.PROVIDER_NAME, MeterKeys.TOKEN_TYPE,
					MeterKeys.MODEL, MeterKeys.SERVER_PORT, MeterKeys.RESPONSE_MODEL, MeterKeys.SERVER_ADDRESS };
		}
	},

	/**
	 * Estimated cost of the answers in USD, by the model that served them; recorded only
	 * when the model's price is known.
	 */
	COST {
		@Override
		public String getName() {
			return "cometapi.client.cost";
		}

		@Override
		public String getBaseUnit() {
			return "usd";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.COUNTER;
		}

		@Override
		public KeyName[] getKeyNames() {
			return new KeyName[] { MeterKeys.OPERATION_NAME, MeterKeys.RESPONSE_MODEL, MeterKeys.OUTCOME };
		}
	},

	/**
	 * Requests holding a permit of the limiter, per model.
	 */
	LIMITER_IN_FLIGHT {
		@Override
		public String getName() {
			return "cometapi.client.limiter.in.flight";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.GAUGE;
		}

		@Override
		public KeyName[] getKeyNames() {
			return new KeyName[] { MeterKeys.MODEL };
		}
	},

	/**
	 * Requests waiting for a permit of the limiter, per model.
	 */
	LIMITER_QUEUED {
		@Override
		public String getName() {
			return "cometapi.client.limiter.queued";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.GAUGE;
		}

		@Override
		public KeyName[] getKeyNames() {
			return new KeyName[] { MeterKeys.MODEL };
		}
	},

	/**
	 * Current (adaptive) limit of requests in flight, per model.
	 */
	LIMITER_LIMIT {
		@Override
		public String getName() {
			return "cometapi.client.limiter.limit";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.GAUGE;
		}

		@Override
		public KeyName[] getKeyNames() {
			return new KeyName[] { MeterKeys.MODEL };
		}
	},

	/**
	 * {@code 1} while a model is being skipped after too many failures, else {@code 0}.
	 */
	COOLDOWN {
		@Override
		public String getName() {
			return "cometapi.client.cooldown";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.GAUGE;
		}

		@Override
		public KeyName[] getKeyNames() {
			return new KeyName[] { MeterKeys.MODEL };
		}
	};

	/**
	 * Tags of the meters.
	 */
	public enum MeterKeys implements KeyName {

		/**
		 * The model asked for.
		 */
		MODEL("gen_ai.request.model"),

		/**
		 * The model that answered.
		 */
		RESPONSE_MODEL("gen_ai.response.model"),

		/**
		 * The operation: {@code chat}, {@code embeddings}.
		 */
		OPERATION_NAME("gen_ai.operation.name"),

		/**
		 * {@code input} or {@code output}.
		 */
		TOKEN_TYPE("gen_ai.token.type"),

		/**
		 * The provider: {@code cometapi}.
		 */
		PROVIDER_NAME("gen_ai.provider.name"),

		/**
		 * The class of error a call ended with; set only on failed calls.
		 */
		ERROR_TYPE("error.type"),

		/**
		 * The host name of the API.
		 */
		SERVER_ADDRESS("server.address"),

		/**
		 * The port of the API.
		 */
		SERVER_PORT("server.port"),

		/**
		 * How the call ended, see {@link CometOutcome}.
		 */
		OUTCOME("cometapi.outcome"),

		/**
		 * The model a fallback left.
		 */
		FROM("cometapi.from"),

		/**
		 * The model a fallback went to.
		 */
		TO("cometapi.to"),

		/**
		 * Why: the HTTP status, {@code TIMEOUT}, {@code IO_ERROR}, {@code MALFORMED} or
		 * {@code HEDGE}.
		 */
		REASON("cometapi.reason");

		private final String key;

		MeterKeys(String key) {
			this.key = key;
		}

		@Override
		public String asString() {
			return this.key;
		}

	}

}
