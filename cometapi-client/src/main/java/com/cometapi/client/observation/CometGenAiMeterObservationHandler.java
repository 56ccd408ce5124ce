package com.cometapi.client.observation;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import com.cometapi.client.observation.CometMeterDocumentation.MeterKeys;
import com.cometapi.client.observation.CometObservationDocumentation.CallKeys;

/**
 * Records OpenTelemetry's GenAI client metrics from call observations, as the semantic
 * conventions (1.37 and later) define them: {@code gen_ai.client.operation.duration} and
 * {@code gen_ai.client.operation.time_to_first_chunk} (histograms in seconds) and
 * {@code gen_ai.client.token.usage} (a histogram in {@code {token}} with a
 * {@code gen_ai.token.type} of {@code input} or {@code output}), each with the
 * specification's bucket boundaries and attributes and no others. The attribute values
 * come from the call's low-cardinality key values, so a custom convention changes them
 * too; {@code error.type} is set only when the call failed, as the conventions ask.
 * <p>
 * Meters are looked up once per attribute combination and then kept. Thread-safe.
 *
 * @author CometAPI team
 */
public class CometGenAiMeterObservationHandler implements ObservationHandler<CometCallContext> {

	/**
	 * The bucket boundaries, in seconds, of {@code gen_ai.client.operation.duration} and
	 * {@code gen_ai.client.operation.time_to_first_chunk}.
	 */
	public static final double[] DURATION_BUCKETS = { 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24,
			20.48, 40.96, 81.92 };

	/**
	 * The bucket boundaries of {@code gen_ai.client.token.usage}.
	 */
	public static final double[] TOKEN_BUCKETS = { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576,
			4194304, 16777216, 67108864 };

	private static final Duration[] DURATION_SLOS = toDurations(DURATION_BUCKETS);

	private static final String NONE = "none";

	private final MeterRegistry registry;

	private final ConcurrentMap<Attributes, Timer> durations = new ConcurrentHashMap<>();

	private final ConcurrentMap<Attributes, Timer> firstChunks = new ConcurrentHashMap<>();

	private final ConcurrentMap<Attributes, DistributionSummary[]> tokens = new ConcurrentHashMap<>();

	/**
	 * Create a handler recording into the given registry.
	 * @param registry the registry
	 */
	public CometGenAiMeterObservationHandler(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof CometCallContext;
	}

	@Override
	public void onStart(CometCallContext context) {
		context.put(Timer.Sample.class, Timer.start(this.registry));
	}

	@Override
	public void onEvent(Observation.Event event, CometCallContext context) {
		if (event instanceof CometFirstChunkEvent firstChunk) {
			Attributes attributes = Attributes.of(context, firstChunk.model(), null);
			this.firstChunks
				.computeIfAbsent(attributes,
						(key) -> timer(CometMeterDocumentation.TIME_TO_FIRST_CHUNK,
								"Time to receive the first chunk of a streamed answer", key))
				.record(firstChunk.timeToFirstChunk());
		}
	}

	@Override
	public void onStop(CometCallContext context) {
		String error = value(context, CallKeys.ERROR_TYPE);
		String responseModel = value(context, CallKeys.RESPONSE_MODEL);
		Attributes attributes = Attributes.of(context,
				(context.getServedModel() != null && !NONE.equals(responseModel)) ? responseModel : null,
				(context.getError() != null && !NONE.equals(error)) ? error : null);
		Timer.Sample sample = context.get(Timer.Sample.class);
		if (sample != null) {
			sample.stop(this.durations.computeIfAbsent(attributes,
					(key) -> timer(CometMeterDocumentation.OPERATION_DURATION, "GenAI operation duration", key)));
		}
		CometTokenUsage usage = context.getUsage();
		if (usage != null && attributes.responseModel() != null) {
			Attributes served = attributes.withoutError();
			DistributionSummary[] summaries = this.tokens.computeIfAbsent(served,
					(key) -> new DistributionSummary[] { tokenSummary(key, "input"), tokenSummary(key, "output") });
			if (usage.promptTokens() != null) {
				summaries[0].record(usage.promptTokens());
			}
			if (usage.completionTokens() != null) {
				summaries[1].record(usage.completionTokens());
			}
		}
	}

	private Timer timer(CometMeterDocumentation meter, String description, Attributes attributes) {
		return Timer.builder(meter.getName())
			.description(description)
			.tags(attributes.tags())
			.serviceLevelObjectives(DURATION_SLOS)
			.register(this.registry);
	}

	private DistributionSummary tokenSummary(Attributes attributes, String type) {
		return DistributionSummary.builder(CometMeterDocumentation.TOKEN_USAGE.getName())
			.description("Number of input and output tokens used")
			.baseUnit(CometMeterDocumentation.TOKEN_USAGE.getBaseUnit())
			.tags(attributes.tags().and(MeterKeys.TOKEN_TYPE.asString(), type))
			.serviceLevelObjectives(TOKEN_BUCKETS)
			.register(this.registry);
	}

	private static String value(Observation.Context context, CallKeys key) {
		KeyValue value = context.getLowCardinalityKeyValue(key.asString());
		return (value != null) ? value.getValue() : null;
	}

	private static Duration[] toDurations(double[] seconds) {
		Duration[] durations = new Duration[seconds.length];
		for (int i = 0; i < seconds.length; i++) {
			durations[i] = Duration.ofNanos(Math.round(seconds[i] * 1_000_000_000L));
		}
		return durations;
	}

	/**
	 * The attributes of one meter: the specification's, with {@code null} for those not
	 * set.
	 */
	private record Attributes(String operation, String provider, String requestModel, String responseModel,
			String errorType, String serverAddress, String serverPort) {

		static Attributes of(CometCallContext context, String responseModel, String errorType) {
			String requestModel = value(context, CallKeys.REQUEST_MODEL);
			return new Attributes(context.getOperation(), value(context, CallKeys.PROVIDER_NAME),
					(requestModel != null) ? requestModel : context.getRequestedModel(), responseModel, errorType,
					value(context, CallKeys.SERVER_ADDRESS), value(context, CallKeys.SERVER_PORT));
		}

		Attributes withoutError() {
			return (this.errorType != null) ? new Attributes(this.operation, this.provider, this.requestModel,
					this.responseModel, null, this.serverAddress, this.serverPort) : this;
		}

		Tags tags() {
			Tags tags = Tags.of(MeterKeys.OPERATION_NAME.asString(), this.operation);
			tags = and(tags, MeterKeys.PROVIDER_NAME, this.provider);
			tags = and(tags, MeterKeys.ERROR_TYPE, this.errorType);
			tags = and(tags, MeterKeys.MODEL, this.requestModel);
			tags = and(tags, MeterKeys.SERVER_PORT, this.serverPort);
			tags = and(tags, MeterKeys.RESPONSE_MODEL, this.responseModel);
			return and(tags, MeterKeys.SERVER_ADDRESS, this.serverAddress);
		}

		private static Tags and(Tags tags, MeterKeys key, String value) {
			return (value != null) ? tags.and(key.asString(), value) : tags;
		}

	}

}
