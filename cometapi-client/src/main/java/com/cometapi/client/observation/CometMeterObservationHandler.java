package com.cometapi.client.observation;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import com.cometapi.client.resilience.ModelKeys;
import com.cometapi.client.observation.CometMeterDocumentation.MeterKeys;

/**
 * Records the {@code cometapi.*} meters of {@link CometMeterDocumentation} from call
 * observations: retries and fallbacks from the {@link CometRetryEvent} and
 * {@link CometFallbackEvent} signalled while a call runs, estimated cost when it stops.
 * OpenTelemetry's GenAI metrics are recorded by
 * {@link CometGenAiMeterObservationHandler}; timers of the call and attempt observations
 * are left to Micrometer's {@code DefaultMeterObservationHandler}.
 * <p>
 * Meters are looked up once per tag combination and then kept, so a call allocates no
 * builder or tag list. The pipeline tags models by their {@link ModelKeys key}; as a last
 * guard, beyond {@value ModelKeys#MAX_MODELS} distinct model tags further ones are
 * recorded as {@value ModelKeys#OTHER}. Thread-safe.
 *
 * @author CometAPI team
 */
public class CometMeterObservationHandler implements ObservationHandler<CometCallContext> {

	private final MeterRegistry registry;

	private final ModelKeys keys = ModelKeys.bounded(List.of(), ModelKeys.MAX_MODELS);

	private final ConcurrentMap<String, ConcurrentMap<String, Counter>> retries = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, ConcurrentMap<String, ConcurrentMap<String, Counter>>> fallbacks = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, ConcurrentMap<String, ConcurrentMap<String, Counter>>> costs = new ConcurrentHashMap<>();

	/**
	 * Create a handler recording into the given registry.
	 * @param registry the registry
	 */
	public CometMeterObservationHandler(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof CometCallContext;
	}

	@Override
	public void onEvent(Observation.Event event, CometCallContext context) {
		if (event instanceof CometRetryEvent retry) {
			retryCounter(this.keys.keyOf(retry.model()), retry.reason()).increment();
		}
		else if (event instanceof CometFallbackEvent fallback) {
			fallbackCounter(this.keys.keyOf(fallback.from()), this.keys.keyOf(fallback.to()), fallback.reason())
				.increment();
		}
	}

	@Override
	public void onStop(CometCallContext context) {
		if (context.getServedModel() == null) {
			return;
		}
		String served = this.keys.keyOf(context.getServedModel());
		BigDecimal cost = context.getEstimatedCost();
		if (cost != null && cost.signum() >= 0) {
			String outcome = (context.getOutcome() != null) ? context.getOutcome().tagValue() : "unknown";
			costCounter(context.getOperation(), served, outcome).increment(cost.doubleValue());
		}
	}

	private Counter retryCounter(String model, String reason) {
		return this.retries.computeIfAbsent(model, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(reason,
					(key) -> Counter.builder(CometMeterDocumentation.RETRIES.getName())
						.description("Failed attempts retried on the same model")
						.tags(Tags.of(MeterKeys.MODEL.asString(), model, MeterKeys.REASON.asString(), reason))
						.register(this.registry));
	}

	private Counter fallbackCounter(String from, String to, String reason) {
		return this.fallbacks.computeIfAbsent(from, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(to, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(reason,
					(key) -> Counter.builder(CometMeterDocumentation.FALLBACKS.getName())
						.description("Moves of a call from one model to the next")
						.tags(Tags.of(MeterKeys.FROM.asString(), from, MeterKeys.TO.asString(), to,
								MeterKeys.REASON.asString(), reason))
						.register(this.registry));
	}

	private Counter costCounter(String operation, String model, String outcome) {
		return this.costs.computeIfAbsent(operation, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(model, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(outcome,
					(key) -> Counter.builder(CometMeterDocumentation.COST.getName())
						.description("Estimated cost of the answers in USD, by the model that served them")
						.baseUnit(CometMeterDocumentation.COST.getBaseUnit())
						.tags(Tags.of(MeterKeys.OPERATION_NAME.asString(), operation,
								MeterKeys.RESPONSE_MODEL.asString(), model, MeterKeys.OUTCOME.asString(), outcome))
						.register(this.registry));
	}

}
