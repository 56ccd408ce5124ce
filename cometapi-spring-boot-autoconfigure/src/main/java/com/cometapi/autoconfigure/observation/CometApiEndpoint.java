package com.cometapi.autoconfigure.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.lang.Nullable;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.catalog.ModelCatalog;
import com.cometapi.client.observation.CometTrafficRecorder;
import com.cometapi.client.observation.CometTrafficRecorder.ModelTraffic;
import com.cometapi.client.resilience.CometLimiterMetrics;
import com.cometapi.client.resilience.LimiterSnapshot;
import com.cometapi.client.resilience.ModelCooldown;

/**
 * The {@code cometapi} actuator endpoint, shaped like resilience4j's
 * {@code circuitbreakers}: {@code GET /actuator/cometapi} lists the routes with their
 * models and the live state of each model (limiter, cooldown, recent traffic) and the
 * catalog's age; {@code GET /actuator/cometapi/{model}} shows one model; {@code POST
 * /actuator/cometapi/{model}} with {@code {"action": "end-cooldown"}} or
 * {@code {"action": "force-cooldown", "duration": "5m"}} steers a model;
 * {@code POST /actuator/cometapi} with {@code {"action": "refresh-catalog"}} reads the
 * catalog again in the background. Only the configured models can be read or steered. The
 * output holds no key, no prompt and no URL.
 *
 * @author CometAPI team
 */
@Endpoint(id = "cometapi")
public class CometApiEndpoint {

	private static final Set<String> MODEL_ACTIONS = Set.of("end-cooldown", "force-cooldown");

	private final CometTemplate template;

	private final Supplier<CometTrafficRecorder> recorder;

	private final Supplier<ModelCatalog> catalog;

	private final AtomicBoolean refreshing = new AtomicBoolean();

	/**
	 * Create an endpoint.
	 * @param template the template to show and steer
	 * @param recorder the recent traffic, or a supplier of {@code null}
	 * @param catalog the model catalog, or a supplier of {@code null}
	 */
	public CometApiEndpoint(CometTemplate template, Supplier<CometTrafficRecorder> recorder,
			Supplier<ModelCatalog> catalog) {
		this.template = template;
		this.recorder = recorder;
		this.catalog = catalog;
	}

	/**
	 * Describe every route and model.
	 * @return the routes, the models' state and the catalog's
	 */
	@ReadOperation
	public Map<String, Object> routes() {
		Map<String, Object> routes = new LinkedHashMap<>();
		routes.put("default", this.template.getRoute().models());
		for (String name : this.template.getRouteNames()) {
			routes.put(name, this.template.route(name).getRoute().models());
		}
		Map<String, Object> models = new LinkedHashMap<>();
		Map<String, ModelTraffic> traffic = traffic();
		for (String model : configuredModels()) {
			models.put(model, describe(model, traffic.get(model)));
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("routes", routes);
		result.put("models", models);
		result.put("catalog", describeCatalog());
		return result;
	}

	/**
	 * Describe one configured model.
	 * @param model the model
	 * @return its state, or {@code null} (404) when it is not configured
	 */
	@ReadOperation
	public Map<String, Object> model(@Selector String model) {
		if (!configuredModels().contains(model)) {
			return null;
		}
		return describe(model, traffic().get(model));
	}

	/**
	 * Steer one configured model: {@code end-cooldown} tries it again now,
	 * {@code force-cooldown} skips it for {@code duration} (for example {@code 5m} or
	 * {@code PT5M}, at most one day).
	 * @param model the model
	 * @param action {@code end-cooldown} or {@code force-cooldown}
	 * @param duration how long to skip the model, for {@code force-cooldown}
	 * @return the model's state after the change
	 */
	@WriteOperation
	public Map<String, Object> updateModel(@Selector String model, String action, @Nullable String duration) {
		if (!configuredModels().contains(model)) {
			throw new InvalidEndpointRequestException("Unknown model", "Only configured models can be steered: "
					+ configuredModels() + "; change cometapi.models or cometapi.routes to add one");
		}
		String normalized = normalize(action);
		ModelCooldown cooldown = this.template.getModelState().getCooldown();
		if ("end-cooldown".equals(normalized)) {
			cooldown.endCooldown(model);
		}
		else if ("force-cooldown".equals(normalized)) {
			cooldown.forceCooldown(model, parseDuration(duration));
		}
		else {
			throw new InvalidEndpointRequestException("Unknown action", "action must be one of " + MODEL_ACTIONS);
		}
		return describe(model, traffic().get(model));
	}

	/**
	 * Act on the whole template: {@code refresh-catalog} reads the catalog again in the
	 * background (at most one read at a time) and returns at once.
	 * @param action {@code refresh-catalog}
	 * @return whether a read was started and the catalog's state
	 */
	@WriteOperation
	public Map<String, Object> update(String action) {
		if (!"refresh-catalog".equals(normalize(action))) {
			throw new InvalidEndpointRequestException("Unknown action", "action must be refresh-catalog");
		}
		ModelCatalog catalog = this.catalog.get();
		if (catalog == null) {
			throw new InvalidEndpointRequestException("No catalog",
					"The model catalog is off (cometapi.catalog.enabled=false)");
		}
		boolean started = this.refreshing.compareAndSet(false, true);
		if (started) {
			catalog.refresh().doFinally((signal) -> this.refreshing.set(false)).subscribe((response) -> {
			}, (ex) -> {
			});
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("refreshStarted", started);
		result.put("catalog", describeCatalog());
		return result;
	}

	private Map<String, Object> describe(String model, ModelTraffic traffic) {
		Map<String, Object> details = new LinkedHashMap<>();
		Duration left = this.template.getModelState().getCooldown().coolingDown().get(model);
		Map<String, Object> cooldown = new LinkedHashMap<>();
		cooldown.put("active", left != null);
		if (left != null) {
			cooldown.put("remaining", left.toString());
		}
		details.put("cooldown", cooldown);
		if (this.template.getModelState().getLimiter() instanceof CometLimiterMetrics metrics) {
			LimiterSnapshot snapshot = metrics.snapshot(model);
			Map<String, Object> limiter = new LinkedHashMap<>();
			limiter.put("inFlight", snapshot.inFlight());
			limiter.put("limit", snapshot.limit());
			limiter.put("maxInFlight", snapshot.maxInFlight());
			limiter.put("queued", snapshot.queued());
			limiter.put("requestsPerSecond", snapshot.requestsPerSecond());
			details.put("limiter", limiter);
		}
		if (traffic != null) {
			Map<String, Object> recent = new LinkedHashMap<>();
			recent.put("attempts", traffic.attempts());
			recent.put("failures", traffic.failures());
			recent.put("failureRate", traffic.failureRate());
			recent.put("lastStatus", traffic.lastReason());
			if (traffic.lastRequestId() != null) {
				recent.put("lastRequestId", traffic.lastRequestId());
			}
			details.put("recent", recent);
		}
		return details;
	}

	private Map<String, Object> describeCatalog() {
		Map<String, Object> result = new LinkedHashMap<>();
		ModelCatalog catalog = this.catalog.get();
		result.put("enabled", catalog != null);
		Instant readAt = (catalog != null) ? catalog.readAt().orElse(null) : null;
		if (readAt != null) {
			result.put("readAt", readAt.toString());
			result.put("ageSeconds", Math.max(0, Duration.between(readAt, Instant.now()).toSeconds()));
		}
		result.put("refreshing", this.refreshing.get());
		return result;
	}

	private Map<String, ModelTraffic> traffic() {
		CometTrafficRecorder recorder = this.recorder.get();
		return (recorder != null) ? recorder.traffic() : Map.of();
	}

	private Set<String> configuredModels() {
		Set<String> models = new LinkedHashSet<>(this.template.getRoute().models());
		for (String route : this.template.getRouteNames()) {
			models.addAll(this.template.route(route).getRoute().models());
		}
		return models;
	}

	private static String normalize(String action) {
		return (action != null) ? action.trim().toLowerCase(Locale.ROOT).replace('_', '-') : "";
	}

	private static Duration parseDuration(String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidEndpointRequestException("Missing duration",
					"force-cooldown needs a duration, for example 5m or PT5M");
		}
		Duration duration;
		try {
			duration = DurationStyle.detectAndParse(value.trim());
		}
		catch (RuntimeException ex) {
			throw new InvalidEndpointRequestException("Invalid duration",
					"duration must be like 5m or PT5M, at most " + ModelCooldown.MAX_FORCED_COOLDOWN);
		}
		if (duration.isNegative() || duration.isZero() || duration.compareTo(ModelCooldown.MAX_FORCED_COOLDOWN) > 0) {
			throw new InvalidEndpointRequestException("Invalid duration",
					"duration must be positive and at most " + ModelCooldown.MAX_FORCED_COOLDOWN);
		}
		return duration;
	}

}
