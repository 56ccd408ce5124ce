package com.cometapi.client.observation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.cometapi.client.observation.CometTrafficRecorder.ModelTraffic;
import com.cometapi.client.resilience.CometLimiterMetrics;
import com.cometapi.client.resilience.LimiterSnapshot;
import com.cometapi.client.resilience.ModelStateView;

/**
 * Judges the health of a template from its live traffic, without calling the API: recent
 * attempt outcomes per model (from a {@link CometTrafficRecorder}), the models cooling
 * down, and the limiter's saturation when it publishes {@link CometLimiterMetrics}. Free
 * of Spring Boot types, so health indicators of any Spring Boot line can adapt it.
 * <ul>
 * <li>{@link Status#DOWN}: the latest authentication failure on a configured model (a
 * 401, or a 403 that says the key is invalid) is newer than any answer, or every
 * configured model with recent traffic is failing or cooling down;</li>
 * <li>{@link Status#DEGRADED}: some model is failing, cooling down or saturated;</li>
 * <li>{@link Status#UP}: otherwise, including before any traffic.</li>
 * </ul>
 * With a {@link CatalogHealthProbe}, an unreachable catalog also degrades the status.
 * <p>
 * Only the configured models are judged, so that models named by end users at run time
 * cannot move the health; when no model is configured, every model with traffic is.
 * <p>
 * A model is failing when at least {@code minimumAttempts} of its recent attempts are
 * known and the share that failed reaches {@code failureRateThreshold}; traffic older
 * than {@code staleAfter} is ignored.
 *
 * @author CometAPI team
 */
public class CometHealthEvaluator {

	private final ModelStateView state;

	private final CometTrafficRecorder recorder;

	private final Set<String> configuredModels;

	private final Settings settings;

	private final CatalogHealthProbe catalogProbe;

	/**
	 * Create an evaluator of live traffic alone.
	 * @param state the model state whose cooldowns and limiter are read
	 * @param recorder the recent traffic
	 * @param configuredModels the models of the configured routes, reported even without
	 * traffic
	 * @param settings when a model counts as failing
	 */
	public CometHealthEvaluator(ModelStateView state, CometTrafficRecorder recorder, Set<String> configuredModels,
			Settings settings) {
		this(state, recorder, configuredModels, settings, null);
	}

	/**
	 * Create an evaluator of live traffic and, when given, an active catalog check: an
	 * unreachable catalog degrades the status.
	 * @param state the model state whose cooldowns and limiter are read
	 * @param recorder the recent traffic
	 * @param configuredModels the models of the configured routes, reported even without
	 * traffic
	 * @param settings when a model counts as failing
	 * @param catalogProbe the cached catalog check, or {@code null} for none
	 */
	public CometHealthEvaluator(ModelStateView state, CometTrafficRecorder recorder, Set<String> configuredModels,
			Settings settings, CatalogHealthProbe catalogProbe) {
		this.state = state;
		this.recorder = recorder;
		this.configuredModels = new TreeSet<>(configuredModels);
		this.settings = settings;
		this.catalogProbe = catalogProbe;
	}

	/**
	 * Judge the health now.
	 * @return the status and its details
	 */
	public Report evaluate() {
		long now = this.recorder.getNanoClock().getAsLong();
		Map<String, ModelTraffic> traffic = this.recorder.traffic();
		Set<String> models = new TreeSet<>(this.configuredModels);
		if (models.isEmpty()) {
			models.addAll(traffic.keySet());
		}
		Map<String, Duration> cooling = this.state.getCooldown().coolingDown();
		CometLimiterMetrics limiter = (this.state.getLimiter() instanceof CometLimiterMetrics metrics) ? metrics : null;
		Map<String, Object> details = new LinkedHashMap<>();
		Map<String, Object> perModel = new LinkedHashMap<>();
		int active = 0;
		int unusable = 0;
		boolean degraded = false;
		for (String model : models) {
			ModelTraffic recent = traffic.get(model);
			if (recent != null && now - recent.lastAttemptNanos() > this.settings.staleAfter().toNanos()) {
				recent = null;
			}
			Map<String, Object> modelDetails = new LinkedHashMap<>();
			String state = "UP";
			boolean judged = recent != null && recent.attempts() >= this.settings.minimumAttempts();
			if (recent != null) {
				modelDetails.put("attempts", recent.attempts());
				modelDetails.put("failures", recent.failures());
				modelDetails.put("lastStatus", recent.lastReason());
			}
			else {
				state = "IDLE";
			}
			if (judged && recent.failureRate() >= this.settings.failureRateThreshold()) {
				state = "FAILING";
			}
			Duration cooldown = cooling.get(model);
			if (cooldown != null) {
				state = "COOLING_DOWN";
				modelDetails.put("cooldownRemaining", cooldown.toString());
			}
			if (limiter != null) {
				LimiterSnapshot snapshot = limiter.snapshot(model);
				modelDetails.put("inFlight", snapshot.inFlight());
				modelDetails.put("queued", snapshot.queued());
				modelDetails.put("limit", snapshot.limit());
				if (snapshot.saturated() && "UP".equals(state)) {
					state = "SATURATED";
				}
			}
			if (recent != null || cooldown != null) {
				active++;
			}
			if ("FAILING".equals(state) || "COOLING_DOWN".equals(state)) {
				unusable++;
			}
			degraded |= !"UP".equals(state) && !"IDLE".equals(state);
			modelDetails.put("state", state);
			perModel.put(model, modelDetails);
		}
		if (this.catalogProbe != null) {
			CatalogHealthProbe.Result catalog = this.catalogProbe.current();
			Map<String, Object> catalogDetails = new LinkedHashMap<>();
			catalogDetails.put("state", catalog.state().name());
			if (catalog.checkedAt() != null) {
				catalogDetails.put("checkedAt", catalog.checkedAt().toString());
			}
			if (catalog.error() != null) {
				catalogDetails.put("error", catalog.error());
			}
			details.put("catalog", catalogDetails);
			degraded |= catalog.state() == CatalogHealthProbe.State.UNREACHABLE;
		}
		Status status = (degraded) ? Status.DEGRADED : Status.UP;
		if (active > 0 && unusable == active) {
			status = Status.DOWN;
			details.put("reason", "every model with recent traffic is failing or cooling down");
		}
		int authFailure = this.configuredModels.isEmpty() ? this.recorder.authFailureStatus()
				: this.recorder.authFailureStatus(this.configuredModels);
		if (authFailure != 0) {
			status = Status.DOWN;
			details.put("reason", "CometAPI refused the API key (" + authFailure + ")");
		}
		details.put("models", perModel);
		return new Report(status, details);
	}

	/**
	 * The status of a template.
	 */
	public enum Status {

		/**
		 * Calls are served.
		 */
		UP,

		/**
		 * Calls are served, but some model fails, is skipped or is saturated.
		 */
		DEGRADED,

		/**
		 * Calls are likely to fail.
		 */
		DOWN

	}

	/**
	 * A judgement of health.
	 *
	 * @param status the status
	 * @param details details, with a {@code models} entry per model
	 */
	public record Report(Status status, Map<String, Object> details) {

	}

	/**
	 * When a model counts as failing.
	 *
	 * @param minimumAttempts the fewest recent attempts a model is judged on
	 * @param failureRateThreshold the share of failed attempts from which a model is
	 * failing, from {@code 0} to {@code 1}
	 * @param staleAfter how old traffic may be before it is ignored
	 */
	public record Settings(int minimumAttempts, double failureRateThreshold, Duration staleAfter) {

		/**
		 * The defaults: 5 attempts, 50%, 5 minutes.
		 */
		public static final Settings DEFAULTS = new Settings(5, 0.5, Duration.ofMinutes(5));

	}

}
