package com.cometapi.client.resilience;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A {@link CometLimiter} that holds calls back per model before they leave the
 * application, without blocking a thread:
 * <ul>
 * <li>at most {@code maxInFlight} requests per model in flight; further calls wait in a
 * bounded FIFO queue ({@code maxQueued}) for at most {@code queueTimeout}, and are
 * otherwise rejected with a
 * {@link com.cometapi.client.error.CometLimiterRejectedException} naming the limit;</li>
 * <li>when adaptive, the limit follows AIMD: a 429 cuts it (once per burst, down to
 * {@code minInFlight}), successes raise it back by one per window; and a 429 also paces
 * the model's requests at a little under the rate the server accepted over the last
 * second, a rate that successes then raise slowly again;</li>
 * <li>optionally, a token bucket of {@code requestsPerSecond} per model; a call whose
 * token is not there yet waits in the queue (a scheduler timer wakes it), and counts
 * against the queue and its timeout.</li>
 * </ul>
 * Each model has its own limits and state, created on first use, so a slow or rate
 * limited model does not hold back the others; beyond {@value ModelKeys#MAX_MODELS}
 * distinct models (those with overrides always count), further models share the limiter
 * of {@value ModelKeys#OTHER}. A permit is given back exactly once, whatever ends the
 * request; a call cancelled while it waits leaves the queue. Gauges read
 * {@link #snapshot(String)} or {@link #snapshots()}.
 *
 * @author CometAPI team
 */
public final class AdaptiveConcurrencyLimiter implements CometLimiter, CometLimiterMetrics {

	/**
	 * Prefix of the property names quoted in rejections.
	 */
	public static final String PROPERTY_PREFIX = "cometapi.concurrency";

	private final ConcurrencySettings settings;

	private final Map<String, ModelLimits> modelLimits;

	private final Scheduler scheduler;

	private final LongSupplier clock;

	private final ConcurrentHashMap<String, ModelLimiter> limiters = new ConcurrentHashMap<>();

	private final ModelKeys keys;

	private AdaptiveConcurrencyLimiter(Builder builder) {
		this.settings = builder.settings;
		this.modelLimits = Map.copyOf(builder.modelLimits);
		this.scheduler = builder.scheduler;
		this.clock = builder.clock;
		this.modelLimits.forEach((model, limits) -> this.settings.with(limits));
		this.keys = ModelKeys.bounded(this.modelLimits.keySet(), ModelKeys.MAX_MODELS);
	}

	/**
	 * Return a new builder, starting from {@link ConcurrencySettings#DEFAULTS}.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public Mono<Permit> acquire(String model) {
		Objects.requireNonNull(model, "model");
		ModelLimiter limiter = this.limiters.get(model);
		if (limiter == null) {
			limiter = this.limiters.computeIfAbsent(this.keys.keyOf(model), this::createLimiter);
		}
		return limiter.acquire();
	}

	/**
	 * Forget every model's adapted limit and learnt pace: the next call of each model
	 * starts at the configured limits. Calls in flight keep their permits and count
	 * against the limit, so a reset never lets more calls in than the limit.
	 */
	@Override
	public void reset() {
		this.limiters.values().forEach(ModelLimiter::resetLearned);
	}

	/**
	 * Return the state of one model's limiter.
	 * @param model the model
	 * @return the snapshot; an idle one at the configured limits when the model was never
	 * called
	 */
	@Override
	public LimiterSnapshot snapshot(String model) {
		ModelLimiter limiter = this.limiters.get(model);
		if (limiter != null) {
			return limiter.snapshot();
		}
		ConcurrencySettings settings = settingsOf(model);
		return new LimiterSnapshot(model, 0, 0, settings.maxInFlight(), settings.maxInFlight(),
				settings.requestsPerSecond());
	}

	/**
	 * Return the state of the limiter of every model called so far.
	 * @return the snapshots, one per model
	 */
	public List<LimiterSnapshot> snapshots() {
		List<LimiterSnapshot> snapshots = new ArrayList<>(this.limiters.size());
		this.limiters.values().forEach((limiter) -> snapshots.add(limiter.snapshot()));
		return snapshots;
	}

	/**
	 * Return the default limits of a model.
	 * @return the settings
	 */
	public ConcurrencySettings getSettings() {
		return this.settings;
	}

	/**
	 * Return the limits of a model, its overrides applied.
	 * @param model the model
	 * @return the settings of the model
	 */
	public ConcurrencySettings settingsOf(String model) {
		return this.settings.with(this.modelLimits.get(model));
	}

	private ModelLimiter createLimiter(String model) {
		ModelLimits limits = this.modelLimits.get(model);
		boolean queuedOverridden = limits != null && limits.maxQueued() != null;
		String maxQueued = queuedOverridden ? PROPERTY_PREFIX + ".models." + model + ".max-queued"
				: PROPERTY_PREFIX + ".max-queued";
		return new ModelLimiter(model, settingsOf(model), maxQueued, PROPERTY_PREFIX + ".queue-timeout", this.scheduler,
				this.clock);
	}

	@Override
	public String toString() {
		return "AdaptiveConcurrencyLimiter[" + this.settings + ", models=" + this.modelLimits.keySet() + "]";
	}

	/**
	 * Builds an {@link AdaptiveConcurrencyLimiter}.
	 */
	public static final class Builder {

		private ConcurrencySettings settings = ConcurrencySettings.DEFAULTS;

		private final Map<String, ModelLimits> modelLimits = new LinkedHashMap<>();

		private Scheduler scheduler = Schedulers.parallel();

		private LongSupplier clock = System::nanoTime;

		private Builder() {
		}

		/**
		 * Set the default limits of every model.
		 * @param settings the settings
		 * @return this builder
		 */
		public Builder settings(ConcurrencySettings settings) {
			this.settings = Objects.requireNonNull(settings, "settings");
			return this;
		}

		/**
		 * Set the most requests in flight per model.
		 * @param maxInFlight the limit, at least 1
		 * @return this builder
		 */
		public Builder maxInFlight(int maxInFlight) {
			ConcurrencySettings s = this.settings;
			return settings(new ConcurrencySettings(maxInFlight, s.maxQueued(), s.queueTimeout(), s.adaptive(),
					Math.min(s.minInFlight(), Math.max(1, maxInFlight)), s.requestsPerSecond()));
		}

		/**
		 * Set the most calls waiting per model.
		 * @param maxQueued the limit, {@code 0} for no waiting
		 * @return this builder
		 */
		public Builder maxQueued(int maxQueued) {
			ConcurrencySettings s = this.settings;
			return settings(new ConcurrencySettings(s.maxInFlight(), maxQueued, s.queueTimeout(), s.adaptive(),
					s.minInFlight(), s.requestsPerSecond()));
		}

		/**
		 * Set the longest wait for a permit.
		 * @param queueTimeout the timeout
		 * @return this builder
		 */
		public Builder queueTimeout(java.time.Duration queueTimeout) {
			ConcurrencySettings s = this.settings;
			return settings(new ConcurrencySettings(s.maxInFlight(), s.maxQueued(), queueTimeout, s.adaptive(),
					s.minInFlight(), s.requestsPerSecond()));
		}

		/**
		 * Set whether the limit adapts to 429s.
		 * @param adaptive whether the limit adapts
		 * @return this builder
		 */
		public Builder adaptive(boolean adaptive) {
			ConcurrencySettings s = this.settings;
			return settings(new ConcurrencySettings(s.maxInFlight(), s.maxQueued(), s.queueTimeout(), adaptive,
					s.minInFlight(), s.requestsPerSecond()));
		}

		/**
		 * Set the lowest limit the adaptive limiter cuts to.
		 * @param minInFlight the floor, at least 1
		 * @return this builder
		 */
		public Builder minInFlight(int minInFlight) {
			ConcurrencySettings s = this.settings;
			return settings(new ConcurrencySettings(s.maxInFlight(), s.maxQueued(), s.queueTimeout(), s.adaptive(),
					minInFlight, s.requestsPerSecond()));
		}

		/**
		 * Set the requests per second allowed per model.
		 * @param requestsPerSecond the rate, {@code 0} for no rate limit
		 * @return this builder
		 */
		public Builder requestsPerSecond(double requestsPerSecond) {
			ConcurrencySettings s = this.settings;
			return settings(new ConcurrencySettings(s.maxInFlight(), s.maxQueued(), s.queueTimeout(), s.adaptive(),
					s.minInFlight(), requestsPerSecond));
		}

		/**
		 * Override limits of one model.
		 * @param model the model
		 * @param limits its limits; {@code null} values keep the defaults
		 * @return this builder
		 */
		public Builder model(String model, ModelLimits limits) {
			this.modelLimits.put(Objects.requireNonNull(model, "model"), Objects.requireNonNull(limits, "limits"));
			return this;
		}

		/**
		 * Set the scheduler of queue timeouts and pacing timers.
		 * @param scheduler the scheduler
		 * @return this builder
		 */
		public Builder scheduler(Scheduler scheduler) {
			this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
			return this;
		}

		/**
		 * Set the clock of the token bucket and the rate estimate, in nanoseconds; for
		 * tests on virtual time.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(LongSupplier clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * Build the limiter.
		 * @return the limiter
		 * @throws IllegalArgumentException if a model's overrides are invalid
		 */
		public AdaptiveConcurrencyLimiter build() {
			return new AdaptiveConcurrencyLimiter(this);
		}

	}

}
