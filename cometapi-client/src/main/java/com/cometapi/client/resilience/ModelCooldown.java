package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Remembers the latest outcomes of each model and skips a model for a while when too many
 * of them failed, so that a dead primary does not add its timeout to every call. A
 * cooldown ends by itself; the model then gets fresh evidence. The shared key
 * {@value ModelKeys#OTHER}, and models beyond the first {@value ModelKeys#MAX_MODELS},
 * are never skipped: outcomes of unrelated models say nothing about one of them.
 * Lock-free and thread-safe; one per template.
 *
 * @author CometAPI team
 */
public final class ModelCooldown {

	/**
	 * The longest cooldown {@link #forceCooldown(String, Duration)} accepts.
	 */
	public static final Duration MAX_FORCED_COOLDOWN = Duration.ofDays(1);

	private final CooldownSettings settings;

	private final LongSupplier nanoClock;

	private final ConcurrentMap<String, Health> models = new ConcurrentHashMap<>();

	private final ModelKeys keys = ModelKeys.bounded(List.of(), ModelKeys.MAX_MODELS);

	/**
	 * Create a tracker.
	 * @param settings when a model is skipped
	 * @param nanoClock a monotonic clock in nanoseconds
	 */
	public ModelCooldown(CooldownSettings settings, LongSupplier nanoClock) {
		this.settings = settings;
		this.nanoClock = nanoClock;
	}

	/**
	 * Create a tracker on the system clock.
	 * @param settings when a model is skipped
	 */
	public ModelCooldown(CooldownSettings settings) {
		this(settings, System::nanoTime);
	}

	/**
	 * Record a call the model served.
	 * @param model the model
	 */
	public void recordSuccess(String model) {
		record(model, false);
	}

	/**
	 * Record a call the model could not serve (its retries spent, or it said "next
	 * model").
	 * @param model the model
	 */
	public void recordFailure(String model) {
		record(model, true);
	}

	/**
	 * Whether the model is being skipped now.
	 * @param model the model
	 * @return {@code true} while its cooldown lasts
	 */
	public boolean isCoolingDown(String model) {
		Health health = this.models.get(model);
		return health != null && health.coolingUntil.get() - this.nanoClock.getAsLong() > 0;
	}

	/**
	 * Return the models being skipped now, with the time left for each.
	 * @return the cooldowns by model, sorted by model
	 */
	public Map<String, Duration> coolingDown() {
		long now = this.nanoClock.getAsLong();
		Map<String, Duration> result = new TreeMap<>();
		this.models.forEach((model, health) -> {
			long left = health.coolingUntil.get() - now;
			if (left > 0) {
				result.put(model, Duration.ofNanos(left));
			}
		});
		return result;
	}

	/**
	 * Forget what was learnt: end every cooldown and clear every model's outcomes.
	 */
	public void reset() {
		this.models.clear();
	}

	/**
	 * End the model's cooldown now, as an operator may; its failures so far are
	 * forgotten. Does nothing when it is not cooling down.
	 * @param model the model
	 * @return {@code true} when a cooldown was ended
	 */
	public boolean endCooldown(String model) {
		Health health = this.models.get(model);
		if (health == null || !isCoolingDown(model)) {
			return false;
		}
		health.coolUntil(this.nanoClock.getAsLong());
		return true;
	}

	/**
	 * Skip the model for the given time from now, as an operator may, whether or not it
	 * failed; replaces any cooldown it has. Like a cooldown the model earns, it is kept
	 * under its bounded key: {@value ModelKeys#OTHER} and names beyond the first
	 * {@value ModelKeys#MAX_MODELS} are never skipped.
	 * @param model the model
	 * @param duration how long the model is skipped, positive and at most
	 * {@link #MAX_FORCED_COOLDOWN}
	 * @return {@code true} when the model is now skipped, {@code false} when it never is
	 * @throws IllegalArgumentException if the duration is not positive or too long
	 */
	public boolean forceCooldown(String model, Duration duration) {
		if (duration == null || duration.isNegative() || duration.isZero()
				|| duration.compareTo(MAX_FORCED_COOLDOWN) > 0) {
			throw new IllegalArgumentException(
					"cooldown duration must be positive and at most " + MAX_FORCED_COOLDOWN + ", was " + duration);
		}
		Health health = this.models.get(model);
		if (health == null) {
			String key = this.keys.keyOf(model);
			if (ModelKeys.OTHER.equals(key)) {
				return false;
			}
			health = this.models.computeIfAbsent(key, (name) -> new Health(this.settings.windowSize()));
		}
		health.coolUntil(this.nanoClock.getAsLong() + duration.toNanos());
		return true;
	}

	private void record(String model, boolean failed) {
		if (!this.settings.enabled()) {
			return;
		}
		Health health = this.models.get(model);
		if (health == null) {
			String key = this.keys.keyOf(model);
			if (ModelKeys.OTHER.equals(key)) {
				return;
			}
			health = this.models.computeIfAbsent(key, (name) -> new Health(this.settings.windowSize()));
		}
		health.record(failed);
	}

	private final class Health {

		private final AtomicIntegerArray outcomes;

		private final AtomicLong recorded = new AtomicLong();

		private final AtomicLong coolingUntil;

		Health(int windowSize) {
			this.outcomes = new AtomicIntegerArray(windowSize);
			this.coolingUntil = new AtomicLong(ModelCooldown.this.nanoClock.getAsLong());
		}

		void record(boolean failed) {
			long count = this.recorded.getAndIncrement();
			this.outcomes.set((int) (count % this.outcomes.length()), failed ? 1 : 0);
			long window = Math.min(count + 1, this.outcomes.length());
			if (!failed || window < ModelCooldown.this.settings.minimumCalls()) {
				return;
			}
			int failures = 0;
			for (int i = 0; i < window; i++) {
				failures += this.outcomes.get(i);
			}
			if (failures > ModelCooldown.this.settings.failureRateThreshold() * window) {
				startCooldown();
			}
		}

		private void startCooldown() {
			coolUntil(ModelCooldown.this.nanoClock.getAsLong() + ModelCooldown.this.settings.duration().toNanos());
		}

		void coolUntil(long nanos) {
			this.coolingUntil.set(nanos);
			this.recorded.set(0);
			for (int i = 0; i < this.outcomes.length(); i++) {
				this.outcomes.set(i, 0);
			}
		}

	}

}
