package com.cometapi.client.observation;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import com.cometapi.client.error.CometApiException;
import com.cometapi.client.error.CometError;
import com.cometapi.client.resilience.ModelKeys;

/**
 * Remembers the latest attempt outcomes of each model from attempt observations, for
 * health checks that judge live traffic instead of calling the API. An attempt counts as
 * failed when the model or the service was the problem (the pipeline retried it or moved
 * to the next model); a request the service rejected as wrong counts as answered. A 401,
 * or a 403 that says the key is invalid, is remembered separately per model: it says the
 * key, not the model, is the problem. Other 403s (a permission, a model not allowed) are
 * not key failures. Lock-free and thread-safe; recording allocates nothing once a model
 * is known.
 *
 * @author CometAPI team
 */
public class CometTrafficRecorder implements ObservationHandler<CometAttemptContext> {

	private final int windowSize;

	private final LongSupplier nanoClock;

	private final ConcurrentMap<String, Window> models = new ConcurrentHashMap<>();

	private final ModelKeys keys = ModelKeys.bounded(List.of(), ModelKeys.MAX_MODELS);

	private final AtomicLong lastSuccessNanos = new AtomicLong(Long.MIN_VALUE);

	/**
	 * Create a recorder on the system clock.
	 * @param windowSize how many of its latest attempts are kept per model
	 */
	public CometTrafficRecorder(int windowSize) {
		this(windowSize, System::nanoTime);
	}

	/**
	 * Create a recorder.
	 * @param windowSize how many of its latest attempts are kept per model
	 * @param nanoClock a monotonic clock in nanoseconds
	 */
	public CometTrafficRecorder(int windowSize, LongSupplier nanoClock) {
		if (windowSize < 1) {
			throw new IllegalArgumentException("windowSize must be at least 1, was " + windowSize);
		}
		this.windowSize = windowSize;
		this.nanoClock = nanoClock;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof CometAttemptContext;
	}

	@Override
	public void onStop(CometAttemptContext context) {
		String decision = context.getDecision();
		if (decision == null) {
			return;
		}
		long now = this.nanoClock.getAsLong();
		int status = context.getStatus();
		if ("fail".equals(decision) && refusesKey(status, context.getError())) {
			window(context.getModel()).recordKeyRefused(status, now);
			return;
		}
		boolean failed = "retry".equals(decision) || "next_model".equals(decision);
		if (!failed) {
			this.lastSuccessNanos.set(now);
		}
		String reason = (context.getFailure() != null) ? context.getFailure() : String.valueOf(status);
		window(context.getModel()).record(failed, reason, context.getRequestId(), now);
	}

	/**
	 * Return what is known of each model that had traffic, sorted by model.
	 * @return the traffic by model
	 */
	public Map<String, ModelTraffic> traffic() {
		Map<String, ModelTraffic> result = new TreeMap<>();
		this.models.forEach((model, window) -> {
			if (window.recorded.get() > 0) {
				result.put(model, window.snapshot());
			}
		});
		return result;
	}

	/**
	 * Return the status of the latest authentication failure on any model when it came
	 * after the latest answered attempt.
	 * @return {@code 401} or {@code 403}, or {@code 0} when the key works as far as known
	 */
	public int authFailureStatus() {
		return authFailureStatus(this.models.keySet());
	}

	/**
	 * Return the status of the latest authentication failure on one of the given models
	 * when it came after the latest answered attempt on any model.
	 * @param models the models whose failures count, such as the configured ones
	 * @return {@code 401} or {@code 403}, or {@code 0} when the key works as far as known
	 */
	public int authFailureStatus(Collection<String> models) {
		long latest = Long.MIN_VALUE;
		int status = 0;
		for (String model : models) {
			Window window = this.models.get(model);
			if (window != null && window.keyRefusedStatus != 0
					&& (status == 0 || window.keyRefusedNanos - latest > 0)) {
				latest = window.keyRefusedNanos;
				status = window.keyRefusedStatus;
			}
		}
		long success = this.lastSuccessNanos.get();
		if (status == 0 || (success != Long.MIN_VALUE && success - latest >= 0)) {
			return 0;
		}
		return status;
	}

	private static boolean refusesKey(int status, Throwable error) {
		if (status == 401) {
			return true;
		}
		if (status != 403 || !(error instanceof CometApiException comet)) {
			return false;
		}
		CometError body = comet.getError();
		return body.typeOrCodeContains("invalid_api_key") || body.typeOrCodeContains("invalid_token")
				|| body.messageContains("invalid token") || body.messageContains("token is invalid")
				|| body.messageContains("token has expired") || body.messageContains("invalid api key")
				|| body.messageContains("incorrect api key") || body.messageContains("api key is invalid");
	}

	/**
	 * Return the clock this recorder uses.
	 * @return the clock, in nanoseconds
	 */
	public LongSupplier getNanoClock() {
		return this.nanoClock;
	}

	private Window window(String model) {
		Window window = this.models.get(model);
		return (window != null) ? window
				: this.models.computeIfAbsent(this.keys.keyOf(model), (key) -> new Window(this.windowSize));
	}

	/**
	 * The recent traffic of one model.
	 *
	 * @param attempts attempts in the window
	 * @param failures failed attempts in the window
	 * @param lastReason the status or failure of the latest attempt, such as {@code 200}
	 * or {@code TIMEOUT}
	 * @param lastAttemptNanos when the latest attempt ended, on the recorder's clock
	 * @param lastRequestId CometAPI's request id of the latest attempt, or {@code null}
	 */
	public record ModelTraffic(int attempts, int failures, String lastReason, long lastAttemptNanos,
			String lastRequestId) {

		/**
		 * Return the share of failed attempts in the window.
		 * @return the failure rate, from {@code 0} to {@code 1}
		 */
		public double failureRate() {
			return (this.attempts != 0) ? (double) this.failures / this.attempts : 0;
		}

	}

	private static final class Window {

		private final AtomicIntegerArray outcomes;

		private final AtomicLong recorded = new AtomicLong();

		private volatile String lastReason;

		private volatile long lastAttemptNanos;

		private volatile int keyRefusedStatus;

		private volatile long keyRefusedNanos;

		private volatile String lastRequestId;

		Window(int size) {
			this.outcomes = new AtomicIntegerArray(size);
		}

		void record(boolean failed, String reason, String requestId, long now) {
			long count = this.recorded.getAndIncrement();
			this.outcomes.set((int) (count % this.outcomes.length()), failed ? 1 : 0);
			this.lastReason = reason;
			this.lastRequestId = requestId;
			this.lastAttemptNanos = now;
		}

		void recordKeyRefused(int status, long now) {
			this.keyRefusedNanos = now;
			this.keyRefusedStatus = status;
		}

		ModelTraffic snapshot() {
			int window = (int) Math.min(this.recorded.get(), this.outcomes.length());
			int failures = 0;
			for (int i = 0; i < window; i++) {
				failures += this.outcomes.get(i);
			}
			return new ModelTraffic(window, failures, this.lastReason, this.lastAttemptNanos, this.lastRequestId);
		}

	}

}
