package com.cometapi.client.observation;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import com.cometapi.client.observation.CometMeterDocumentation.MeterKeys;
import com.cometapi.client.resilience.CometLimiterMetrics;
import com.cometapi.client.resilience.LimiterSnapshot;
import com.cometapi.client.resilience.ModelStateView;

/**
 * Binds gauges of a template's pipeline state per model: whether each model is cooling
 * down and, when the limiter implements {@link CometLimiterMetrics}, its requests in
 * flight, queued and current limit. Gauges exist for the models given (those of the
 * configured routes); they read the live state on every scrape and, like every Micrometer
 * gauge, hold their state object through a weak reference.
 *
 * @author CometAPI team
 */
public class CometStateMeterBinder implements MeterBinder {

	private final ModelStateView state;

	private final Set<String> models;

	/**
	 * Create a binder.
	 * @param state the model state whose limiter and cooldowns are read
	 * @param models the models to publish gauges for
	 */
	public CometStateMeterBinder(ModelStateView state, Collection<String> models) {
		this.state = state;
		this.models = new LinkedHashSet<>(models);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String model : this.models) {
			Gauge
				.builder(CometMeterDocumentation.COOLDOWN.getName(), this.state,
						(state) -> state.getCooldown().isCoolingDown(model) ? 1 : 0)
				.description("1 while the model is skipped after too many failures")
				.tag(MeterKeys.MODEL.asString(), model)
				.register(registry);
			if (this.state.getLimiter() instanceof CometLimiterMetrics limiter) {
				limiterGauge(registry, CometMeterDocumentation.LIMITER_IN_FLIGHT, "Requests holding a permit", limiter,
						model, LimiterSnapshot::inFlight);
				limiterGauge(registry, CometMeterDocumentation.LIMITER_QUEUED, "Requests waiting for a permit", limiter,
						model, LimiterSnapshot::queued);
				limiterGauge(registry, CometMeterDocumentation.LIMITER_LIMIT, "Current limit of requests in flight",
						limiter, model, LimiterSnapshot::limit);
			}
		}
	}

	private static void limiterGauge(MeterRegistry registry, CometMeterDocumentation meter, String description,
			CometLimiterMetrics limiter, String model, ToDoubleFunction<LimiterSnapshot> value) {
		Gauge.builder(meter.getName(), limiter, (metrics) -> value.applyAsDouble(metrics.snapshot(model)))
			.description(description)
			.tag(MeterKeys.MODEL.asString(), model)
			.register(registry);
	}

}
