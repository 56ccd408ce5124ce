package com.cometapi.client.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.docs.MeterDocumentation;

/**
 * Every meter a {@code CometTemplate} records besides the timers of its observations
 * ({@code gen_ai.client.operation} and {@code cometapi.client.attempt}, see
 * {@link CometObservationDocumentation}), with its tags. All tags are low-cardinality:
 * model names, routes, statuses and reasons, never a prompt or a request id.
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
	 * Time from the start of a streamed call to its first chunk, by the model that
	 * streams.
	 */
	TIME_TO_FIRST_TOKEN {
		@Override
		public String getName() {
			return "cometapi.client.time_to_first_token";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.TIMER;
		}

		@Override
		public KeyName[] getKeyNames() {
			return new KeyName[] { MeterKeys.MODEL };
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
	 * Tokens of the answers, from their {@code usage}, by the model that served them.
	 */
	TOKEN_USAGE {
		@Override
		public String getName() {
			return "gen_ai.client.token.usage";
		}

		@Override
		public String getBaseUnit() {
			return "tokens";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.COUNTER;
		}

		@Override
		public KeyName[] getKeyNames() {
			return new KeyName[] { MeterKeys.OPERATION_NAME, MeterKeys.RESPONSE_MODEL, MeterKeys.TOKEN_TYPE };
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
