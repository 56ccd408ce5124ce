package com.cometapi.client;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import com.cometapi.client.error.CometApiException;
import com.cometapi.client.error.CometConnectionException;
import com.cometapi.client.error.CometError;
import com.cometapi.client.error.CometErrorDecision;
import com.cometapi.client.error.CometFailureKind;
import com.cometapi.client.error.CometFallbackExhaustedException;
import com.cometapi.client.error.CometLimiterRejectedException;
import com.cometapi.client.error.CometMalformedResponseException;
import com.cometapi.client.error.CometModelUnavailableException;
import com.cometapi.client.error.CometRateLimitException;
import com.cometapi.client.error.CometStreamTimeoutException;
import com.cometapi.client.error.CometTimeoutException;
import com.cometapi.client.error.LogSafe;
import com.cometapi.client.listener.AttemptHandle;
import com.cometapi.client.listener.CallHandle;
import com.cometapi.client.listener.CometCallListener;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.DeadlineTimer;
import com.cometapi.client.resilience.ModelCooldown;
import com.cometapi.client.resilience.ModelKeys;
import com.cometapi.client.resilience.ModelStateView;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.client.wire.CallResult;
import com.cometapi.client.wire.FailedModel;
import com.cometapi.client.wire.Usage;

/**
 * Runs one call through the pipeline: for each model of the plan in order, take a permit
 * from the limiter, make the HTTP attempt, classify a failure, retry the same model with
 * backoff when that can help (Reactor {@code retryWhen}), move to the next model when the
 * model is the problem, and fail at once when the request is. The only retry layer of a
 * template; thread-safe, one per template.
 *
 * @author CometAPI team
 */
final class CometCallExecutor implements ModelStateView {

	private static final Logger logger = LoggerFactory.getLogger(CometCallExecutor.class);

	private static final int MAX_LOGGED_MODEL = 256;

	private final CometLimiter limiter;

	private final RetryBudget retryBudget;

	private final ModelCooldown cooldown;

	private final CometCallListener listener;

	private final BiFunction<String, Usage, BigDecimal> costEstimator;

	private final Scheduler scheduler;

	private final DeadlineTimer deadlines;

	private final ModelKeys modelKeys;

	private CometCallExecutor(Builder builder) {
		this.limiter = builder.limiter;
		this.retryBudget = builder.retryBudget;
		this.cooldown = builder.cooldown;
		this.listener = builder.listener;
		this.costEstimator = builder.costEstimator;
		this.scheduler = builder.scheduler;
		this.deadlines = builder.deadlines;
		this.modelKeys = builder.modelKeys;
	}

	/**
	 * Return a builder with the defaults: no limit, a 50% retry budget, cooldowns on, no
	 * listener.
	 * @return the builder
	 */
	static Builder builder() {
		return new Builder();
	}

	@Override
	public CometLimiter getLimiter() {
		return this.limiter;
	}

	@Override
	public ModelCooldown getCooldown() {
		return this.cooldown;
	}

	@Override
	public RetryBudget getRetryBudget() {
		return this.retryBudget;
	}

	/**
	 * Forget what the calls so far taught: cooldowns and model outcomes, adapted limits
	 * and learnt pace, and the retry budget's counts. For tests that share one template.
	 */
	void resetLearnedState() {
		this.cooldown.reset();
		this.limiter.reset();
		this.retryBudget.reset();
	}

	@Override
	public ModelKeys getModelKeys() {
		return this.modelKeys;
	}

	/**
	 * Run a call.
	 * @param <T> the body type
	 * @param plan the models to walk and the limits of the call
	 * @param attempt makes one HTTP attempt on the given model; must fail with a
	 * {@link CometApiException} only
	 * @return the body of the first success with how it was served
	 */
	<T> Mono<Served<T>> execute(CallPlan plan, Function<String, Mono<AttemptResult<T>>> attempt) {
		return Mono.defer(() -> {
			Call<T> call = new Call<>(plan, attempt);
			this.retryBudget.recordCall();
			Mono<Served<T>> served = withDeadline(call, walk(call, call.models, 0)).map(call::served);
			call.reportSkipped();
			if (!call.observed) {
				return served;
			}
			return served.doOnSuccess(call::succeeded)
				.doOnError(call::failed)
				.doOnCancel(call::cancelled)
				.contextWrite(call.handle::contextWrite);
		});
	}

	/**
	 * Run a streamed call through the same pipeline as {@link #execute}: each attempt
	 * completes when its first element has arrived, so retries and fallbacks apply only
	 * until then and no element is ever replayed. A model's permit is held until its
	 * stream completes, fails or is cancelled, and the call's listener hears of its end
	 * only then; it is told of the first element with the time to it
	 * ({@link CallHandle#firstChunk}). An answer that the call's cancellation or deadline
	 * drops before its elements are subscribed is cancelled at once, giving its permit
	 * and connection back. Streams are not hedged. The call's listener reads the elements
	 * through {@link CallHandle#elements()}.
	 * @param <T> the element type
	 * @param plan the models to walk and the limits of the call; its deadline bounds the
	 * wait for the first element
	 * @param attempt makes one streamed HTTP attempt on the given model, emitting once
	 * its first element has arrived; must fail with a {@link CometApiException} only
	 * @param usage reads the token usage an element carries, or {@code null}
	 * @return the elements of the first stream that started
	 */
	<T> Flux<T> executeStream(CallPlan plan, Function<String, Mono<AttemptResult<Flux<T>>>> attempt,
			Function<? super T, Usage> usage) {
		return Flux.deferContextual((subscriberContext) -> {
			CallResultListener listener = subscriberContext.getOrDefault(CallResultListener.CONTEXT_KEY, null);
			Call<Flux<T>> call = new Call<>(plan.withoutHedging(), attempt);
			call.holdPermit = (body, permit) -> body.doOnComplete(() -> permit.release(CometLimiter.Outcome.SUCCESS))
				.doOnError((ex) -> permit.release(CometLimiter.Outcome.FAILED))
				.doOnCancel(() -> permit.release(CometLimiter.Outcome.CANCELLED));
			this.retryBudget.recordCall();
			call.reportSkipped();
			StreamCall<T> stream = new StreamCall<>(call, usage, listener);
			Flux<T> elements = withDeadline(call, walk(call, call.models, 0))
				.doOnDiscard(Answered.class, Answered::close)
				.doOnDiscard(AttemptResult.class, CometCallExecutor::close)
				.map(call::served)
				.doOnError(stream::failed)
				.doOnCancel(stream::cancelled)
				.flatMapMany(stream::started);
			return call.observed ? elements.contextWrite(call.handle::contextWrite) : elements;
		});
	}

	private <T> Mono<Answered<T>> withDeadline(Call<T> call, Mono<Answered<T>> walk) {
		return this.deadlines.bound(walk.switchIfEmpty(Mono.error(call::exhausted)), call.plan.timeout(),
				call::deadlinePassed);
	}

	private <T> Mono<Answered<T>> walk(Call<T> call, List<String> models, int index) {
		if (index >= models.size()) {
			return Mono.empty();
		}
		String model = models.get(index);
		Mono<Answered<T>> current = withRetries(call, model).onErrorResume(CometApiException.class,
				(ex) -> leaveModel(call, model, ex));
		if (index + 1 == models.size()) {
			return current;
		}
		Mono<Answered<T>> rest = Mono.defer(() -> {
			call.fallingBackTo(models.get(index + 1), model);
			return walk(call, models, index + 1);
		});
		if (call.plan.hedgeAfter() == null) {
			return current.switchIfEmpty(rest);
		}
		return Mono.defer(() -> hedged(call, current, rest));
	}

	/**
	 * Race the current model and, once it has not answered in {@code hedge-after} or has
	 * been left, the rest of the list: the first success wins and cancels the other side;
	 * a failure of one side waits for the other. A failure of the current model before
	 * the rest has started ends the call at once, as without hedging.
	 */
	private <T> Mono<Answered<T>> hedged(Call<T> call, Mono<Answered<T>> current, Mono<Answered<T>> rest) {
		Hedge<T> hedge = new Hedge<>();
		Sinks.Empty<Void> currentLeft = Sinks.empty();
		Mono<Answered<T>> first = current.doOnSuccess((answered) -> {
			if (answered == null) {
				currentLeft.tryEmitEmpty();
			}
		}).onErrorResume(hedge::currentFailed);
		Mono<Answered<T>> second = Mono
			.firstWithSignal(Mono.delay(call.plan.hedgeAfter(), this.scheduler).then(), currentLeft.asMono())
			.then(Mono.defer(() -> hedge.start(rest)))
			.onErrorResume(hedge::restFailed);
		return Flux.merge(first, second).next().switchIfEmpty(Mono.defer(hedge::failure));
	}

	private <T> Mono<Answered<T>> leaveModel(Call<T> call, String model, CometApiException ex) {
		if (ex.getDecision() == CometErrorDecision.FAIL) {
			return Mono.error(ex);
		}
		this.cooldown.recordFailure(call.keyOf(model));
		call.leftModel(new FailedModel(model, call.attemptsOn(model), ex));
		return Mono.empty();
	}

	/**
	 * Cancel the elements of a streamed answer that was dropped before anyone subscribed
	 * to them, which gives back the permit it holds and closes its connection.
	 */
	private static void close(AttemptResult<?> dropped) {
		if (dropped.body() instanceof Publisher<?> body) {
			body.subscribe(new BaseSubscriber<Object>() {

				@Override
				protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
					cancel();
				}

			});
		}
	}

	/**
	 * Make the first attempt on a model and, only once it has failed, wait and retry it
	 * with {@code retryWhen}: most calls succeed at once and need none of the retry
	 * machinery.
	 */
	private <T> Mono<Answered<T>> withRetries(Call<T> call, String model) {
		return Mono.defer(() -> attempt(call, model))
			.onErrorResume((failure) -> retryDelay(call, model, failure).then(Mono.defer(() -> attempt(call, model))
				.retryWhen(Retry
					.from((signals) -> signals.concatMap((signal) -> retryDelay(call, model, signal.failure()))))))
			.map((result) -> {
				this.cooldown.recordSuccess(call.keyOf(model));
				return new Answered<>(model, result);
			});
	}

	private <T> Mono<AttemptResult<T>> attempt(Call<T> call, String model) {
		if (call.holdPermit != null) {
			return attemptHoldingPermit(call, model);
		}
		if (this.limiter == CometLimiter.unlimited()) {
			return observedAttempt(call, model);
		}
		call.waitingForPermit = model;
		return this.limiter.acquire(call.keyOf(model)).flatMap((permit) -> {
			call.waitingForPermit = null;
			return PermitRelease.releaseOnEnd(observedAttempt(call, model), permit);
		});
	}

	private <T> Mono<AttemptResult<T>> attemptHoldingPermit(Call<T> call, String model) {
		call.waitingForPermit = model;
		return this.limiter.acquire(call.keyOf(model)).flatMap((permit) -> {
			call.waitingForPermit = null;
			AtomicBoolean handedOver = new AtomicBoolean();
			return observedAttempt(call, model).doOnError((ex) -> permit.release(limiterOutcome(ex))).doOnCancel(() -> {
				if (!handedOver.get()) {
					permit.release(CometLimiter.Outcome.CANCELLED);
				}
			}).map((result) -> {
				handedOver.set(true);
				return new AttemptResult<>(call.holdPermit.apply(result.body(), permit), result.requestId(),
						result.usage());
			});
		});
	}

	private static CometLimiter.Outcome limiterOutcome(Throwable ex) {
		return PermitRelease.outcomeOf(ex);
	}

	private <T> Mono<AttemptResult<T>> observedAttempt(Call<T> call, String model) {
		if (!call.observed) {
			call.nextAttempt(model);
			return call.attempt.apply(model);
		}
		AttemptHandle attempt = call.handle.attemptStarted(call.keyOf(model), call.nextAttempt(model));
		if (attempt == AttemptHandle.NOOP) {
			return call.attempt.apply(model);
		}
		AtomicBoolean ended = new AtomicBoolean();
		return call.attempt.apply(model).doOnSuccess((result) -> {
			if (ended.compareAndSet(false, true)) {
				attempt.succeeded((result != null) ? result.requestId() : null);
			}
		}).doOnError((ex) -> {
			if (ended.compareAndSet(false, true)) {
				attempt.failed(ex);
			}
		}).doOnCancel(() -> {
			if (ended.compareAndSet(false, true)) {
				attempt.cancelled(call.deadlinePassed);
			}
		});
	}

	private <T> Mono<Long> retryDelay(Call<T> call, String model, Throwable failure) {
		if (!(failure instanceof CometApiException ex) || failure instanceof CometLimiterRejectedException) {
			return Mono.error(failure);
		}
		int attempts = call.attemptsOn(model);
		RetrySettings retry = call.plan.retry();
		boolean beforeResponse = retry.connection() != null && ex instanceof CometConnectionException connection
				&& connection.isBeforeResponse();
		int connectionFailures = beforeResponse ? call.connectionFailedOn(model) : call.connectionFailuresOn(model);
		int failures = beforeResponse ? connectionFailures : attempts - connectionFailures;
		int maxAttempts = beforeResponse ? retry.connection().maxAttempts() : retry.maxAttempts();
		String why = whyNotRetry(ex, failures, maxAttempts);
		if (why != null) {
			logFailedAttempt(call, model, ex, attempts,
					(ex.getDecision() == CometErrorDecision.FAIL) ? "fail" : "next_model", why, null);
			return Mono.error(failure);
		}
		Duration delay = beforeResponse ? retry.connectionBackoff(failures) : retry.backoff(failures);
		long retryAfter = ex.getError().retryAfterMillis();
		if (retry.respectRetryAfter() && retryAfter >= 0) {
			delay = Duration.ofMillis(retryAfter);
		}
		Duration remaining = call.remaining();
		if (delay.compareTo(remaining) >= 0) {
			logFailedAttempt(call, model, ex, attempts, "next_model", "backoff past the call's deadline", delay);
			return Mono.error(failure);
		}
		Duration attemptTimeout = call.plan.attemptTimeout();
		if (attemptTimeout != null && call.hasModelAfter(model)
				&& remaining.minus(delay).compareTo(attemptTimeout) < 0) {
			logFailedAttempt(call, model, ex, attempts, "next_model",
					"backoff and attempt timeout past the call's deadline", delay);
			return Mono.error(failure);
		}
		if (!this.retryBudget.tryAcquireRetry()) {
			logFailedAttempt(call, model, ex, attempts, "next_model", "retry budget spent", null);
			return Mono.error(failure);
		}
		logFailedAttempt(call, model, ex, attempts, "retry", null, delay);
		if (call.observed) {
			call.handle.retry(call.keyOf(model), attempts, delay, reasonOf(ex));
		}
		return Mono.delay(delay, this.scheduler);
	}

	/**
	 * Return the low-cardinality reason of a failure: its HTTP status, or
	 * {@code TIMEOUT}, {@code IO_ERROR} or {@code MALFORMED} when it has none.
	 * @param ex the failure
	 * @return the reason
	 */
	static String reasonOf(CometApiException ex) {
		if (ex instanceof CometMalformedResponseException) {
			return "MALFORMED";
		}
		if (ex.getStatus() != 0) {
			return String.valueOf(ex.getStatus());
		}
		return (ex instanceof CometTimeoutException) ? "TIMEOUT" : "IO_ERROR";
	}

	/**
	 * Say why a failure is not retried, or {@code null} when it is.
	 * @param failures the failures of its kind on its model so far, itself included:
	 * those before any response byte when they are counted apart, else the others
	 * @param maxAttempts the attempts its kind allows
	 */
	private static String whyNotRetry(CometApiException ex, int failures, int maxAttempts) {
		if (ex.getDecision() != CometErrorDecision.RETRY) {
			return "decision " + ex.getDecision();
		}
		if (failures >= maxAttempts) {
			return "attempts spent";
		}
		if (ex instanceof CometMalformedResponseException && failures >= 2) {
			return "malformed body retried once";
		}
		return null;
	}

	private static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

	private static void logFailedAttempt(Call<?> call, String model, CometApiException ex, int attempt, String outcome,
			String why, Duration delay) {
		if (!logger.isWarnEnabled()) {
			return;
		}
		try (CometLogContext log = CometLogContext.open(ex.getRequestId(), model)) {
			logFailedAttemptInContext(call, model, ex, attempt, outcome, why, delay);
		}
	}

	private static void logFailedAttemptInContext(Call<?> call, String model, CometApiException ex, int attempt,
			String outcome, String why, Duration delay) {
		logger.warn(
				"CometAPI attempt failed: operation={} model={} route={} status={} request_id={} retryable={} "
						+ "outcome={} attempt={} delay_ms={} reason={} error={}",
				call.plan.operation(), LogSafe.escape(model, MAX_LOGGED_MODEL),
				(call.plan.route() != null) ? call.plan.route() : "default", ex.getStatus(),
				LogSafe.escape(ex.getRequestId()), ex.isRetryable(), outcome, attempt,
				(delay != null) ? delay.toMillis() : 0, (why != null) ? why : "retryable",
				ex.getClass().getSimpleName());
		if (logger.isDebugEnabled() && ex.getBodyExcerpt() != null) {
			logger.debug("CometAPI error body: model={} request_id={} body={}", LogSafe.escape(model, MAX_LOGGED_MODEL),
					LogSafe.escape(ex.getRequestId()), LogSafe.escape(ex.getBodyExcerpt()));
		}
	}

	/**
	 * The body of a call's answer and how it was served.
	 *
	 * @param <T> the body type
	 * @param body the body
	 * @param result how the call was served
	 */
	record Served<T>(T body, CallResult result) {

	}

	private record Answered<T>(String model, AttemptResult<T> result) {

		void close() {
			CometCallExecutor.close(this.result);
		}

	}

	/**
	 * The two sides of a hedged step: what each failed with, and whether the second side
	 * has started.
	 */
	private static final class Hedge<T> {

		private volatile boolean started;

		private volatile Throwable currentFailure;

		private volatile Throwable restFailure;

		Mono<Answered<T>> start(Mono<Answered<T>> rest) {
			this.started = true;
			return rest;
		}

		Mono<Answered<T>> currentFailed(Throwable ex) {
			if (!this.started) {
				return Mono.error(ex);
			}
			this.currentFailure = ex;
			return Mono.empty();
		}

		Mono<Answered<T>> restFailed(Throwable ex) {
			this.restFailure = ex;
			return Mono.empty();
		}

		Mono<Answered<T>> failure() {
			Throwable ex = (this.currentFailure != null) ? this.currentFailure : this.restFailure;
			return (ex != null) ? Mono.error(ex) : Mono.empty();
		}

	}

	private final class Call<T> {

		final CallPlan plan;

		final Function<String, Mono<AttemptResult<T>>> attempt;

		final List<String> models;

		final CallHandle handle;

		/**
		 * Whether a listener follows this call: when not, the pipeline tells nothing and
		 * allocates nothing for it.
		 */
		final boolean observed;

		final long startNanos = CometCallExecutor.this.deadlines.nanoTime();

		private final AtomicIntegerArray attemptsByModel;

		/**
		 * The attempts of each of {@link #models} that failed before any response byte,
		 * when the plan counts them apart.
		 */
		private final AtomicIntegerArray connectionFailuresByModel;

		/**
		 * The key of each of {@link #models}, looked up once per call on first use: a
		 * name keeps the key it was first given, so a racing second lookup stores the
		 * same key.
		 */
		private final String[] keys;

		private volatile int attempts;

		private volatile int ended;

		private volatile List<FailedModel> failures = List.of();

		private final List<FailedModel> skipped;

		private volatile boolean deadlinePassed;

		private volatile String lastModel;

		private volatile String waitingForPermit;

		private volatile Usage answerUsage;

		private static final AtomicIntegerFieldUpdater<Call> ATTEMPTS = AtomicIntegerFieldUpdater.newUpdater(Call.class,
				"attempts");

		private static final AtomicIntegerFieldUpdater<Call> ENDED = AtomicIntegerFieldUpdater.newUpdater(Call.class,
				"ended");

		private BiFunction<T, CometLimiter.Permit, T> holdPermit;

		Call(CallPlan plan, Function<String, Mono<AttemptResult<T>>> attempt) {
			this.plan = plan;
			this.attempt = attempt;
			this.models = availableModels(plan.models());
			this.skipped = (this.models == plan.models()) ? List.of() : skippedModels();
			this.attemptsByModel = new AtomicIntegerArray(this.models.size());
			this.connectionFailuresByModel = new AtomicIntegerArray(this.models.size());
			this.keys = new String[this.models.size()];
			CometCallListener listener = CometCallExecutor.this.listener;
			this.handle = (listener != CometCallListener.NOOP)
					? listener.callStarted(plan.operation(), plan.route(),
							CometCallExecutor.this.modelKeys.keyOf(plan.models().get(0)), plan.request())
					: CallHandle.NOOP;
			this.observed = this.handle != CallHandle.NOOP;
		}

		private List<String> availableModels(List<String> models) {
			if (models.size() == 1 || models.stream().noneMatch(this::isCoolingDown)) {
				return models;
			}
			List<String> available = models.stream().filter((model) -> !isCoolingDown(model)).toList();
			return available.isEmpty() ? models : available;
		}

		/**
		 * Return the models skipped before the first one this call tries, each with why.
		 */
		private List<FailedModel> skippedModels() {
			List<FailedModel> skipped = new ArrayList<>();
			for (String model : this.plan.models()) {
				if (model.equals(this.models.get(0))) {
					break;
				}
				skipped.add(new FailedModel(model, 0,
						new CometModelUnavailableException(
								"CometAPI model " + model + " skipped: cooling down after repeated failures",
								CometError.noResponse("cooling down", model), CometErrorDecision.NEXT_MODEL, null)));
			}
			return List.copyOf(skipped);
		}

		/**
		 * Say why the call does not start on its first model, if it does not.
		 */
		void reportSkipped() {
			if (!this.skipped.isEmpty()) {
				String from = this.plan.models().get(0);
				String to = this.models.get(0);
				if (this.observed) {
					this.handle.fallback(CometCallExecutor.this.modelKeys.keyOf(from),
							CometCallExecutor.this.modelKeys.keyOf(to), "COOLDOWN");
				}
				logger.debug("CometAPI falling back: operation={} route={} from={} to={} reason=cooldown",
						this.plan.operation(), (this.plan.route() != null) ? this.plan.route() : "default",
						LogSafe.escape(from, MAX_LOGGED_MODEL), LogSafe.escape(to, MAX_LOGGED_MODEL));
			}
		}

		/**
		 * Return the key of a model of this call.
		 */
		String keyOf(String model) {
			int index = this.models.indexOf(model);
			if (index < 0) {
				return CometCallExecutor.this.modelKeys.keyOf(model);
			}
			String key = this.keys[index];
			if (key == null) {
				key = CometCallExecutor.this.modelKeys.keyOf(model);
				this.keys[index] = key;
			}
			return key;
		}

		boolean hasModelAfter(String model) {
			return this.models.indexOf(model) < this.models.size() - 1;
		}

		private boolean isCoolingDown(String model) {
			return CometCallExecutor.this.cooldown.isCoolingDown(CometCallExecutor.this.modelKeys.keyOf(model));
		}

		int nextAttempt(String model) {
			this.attemptsByModel.incrementAndGet(this.models.indexOf(model));
			this.lastModel = model;
			return ATTEMPTS.incrementAndGet(this);
		}

		int attemptsOn(String model) {
			int index = this.models.indexOf(model);
			return (index >= 0) ? this.attemptsByModel.get(index) : 0;
		}

		int attempts() {
			return this.attempts;
		}

		/**
		 * Count an attempt on a model that failed before any response byte.
		 * @return the model's failures of that kind so far, this one included
		 */
		int connectionFailedOn(String model) {
			return this.connectionFailuresByModel.incrementAndGet(this.models.indexOf(model));
		}

		int connectionFailuresOn(String model) {
			int index = this.models.indexOf(model);
			return (index >= 0) ? this.connectionFailuresByModel.get(index) : 0;
		}

		/**
		 * Say whether this is the first end of an observed call: a cancel can follow an
		 * error or a success, and must not end the call twice for its listener.
		 */
		private boolean observedEnd() {
			return this.observed && ENDED.compareAndSet(this, 0, 1);
		}

		synchronized void leftModel(FailedModel failure) {
			List<FailedModel> failures = new ArrayList<>(this.failures);
			failures.add(failure);
			this.failures = List.copyOf(failures);
		}

		Duration remaining() {
			return this.plan.timeout().minusNanos(elapsedNanos());
		}

		long elapsedNanos() {
			return CometCallExecutor.this.deadlines.nanoTime() - this.startNanos;
		}

		void fallingBackTo(String next, String from) {
			String reason = (this.plan.hedgeAfter() != null) ? "HEDGE" : "UNKNOWN";
			String requestId = null;
			for (FailedModel failed : this.failures) {
				if (failed.model().equals(from)) {
					reason = reasonOf(failed.failure());
					requestId = failed.failure().getRequestId();
				}
			}
			if (this.observed) {
				this.handle.fallback(keyOf(from), keyOf(next), reason);
			}
			if (!logger.isInfoEnabled()) {
				return;
			}
			try (CometLogContext log = CometLogContext.open(requestId, from)) {
				logger.info("CometAPI falling back: operation={} route={} from={} to={}", this.plan.operation(),
						(this.plan.route() != null) ? this.plan.route() : "default",
						LogSafe.escape(from, MAX_LOGGED_MODEL), LogSafe.escape(next, MAX_LOGGED_MODEL));
			}
		}

		private List<FailedModel> modelsLeft() {
			if (this.skipped.isEmpty()) {
				return this.failures;
			}
			List<FailedModel> left = new ArrayList<>(this.skipped);
			left.addAll(this.failures);
			return left;
		}

		CometApiException exhausted() {
			List<CometApiException> errors = this.failures.stream().map(FailedModel::failure).toList();
			return (errors.size() == 1) ? errors.get(0) : new CometFallbackExhaustedException(errors);
		}

		CometApiException deadlinePassed() {
			this.deadlinePassed = true;
			for (String model : this.models) {
				if (attemptsOn(model) > 0 && this.failures.stream().noneMatch((left) -> left.model().equals(model))) {
					CometCallExecutor.this.cooldown.recordFailure(keyOf(model));
				}
			}
			String waiting = this.waitingForPermit;
			if (waiting != null) {
				String property = (this.plan.route() != null) ? "cometapi.routes." + this.plan.route() + ".timeout"
						: "cometapi.timeout";
				return new CometLimiterRejectedException(waiting, property, format(this.plan.timeout()));
			}
			return new CometTimeoutException(
					"CometAPI call deadline of " + this.plan.timeout() + " passed after " + this.attempts
							+ " attempt(s)",
					CometError.noResponse("call deadline passed", this.lastModel), CometErrorDecision.FAIL,
					new TimeoutException("cometapi.timeout"));
		}

		Served<T> served(Answered<T> answered) {
			String served = answered.model();
			AttemptResult<T> result = answered.result();
			BigDecimal cost = (CometCallExecutor.this.costEstimator != null && result.usage() != null)
					? CometCallExecutor.this.costEstimator.apply(served, result.usage()) : null;
			if (this.observed) {
				this.answerUsage = result.usage();
			}
			CallResult callResult = new CallResult(this.plan.route(), this.plan.models().get(0), served,
					result.requestId(), this.attempts, modelsLeft(), Duration.ofNanos(elapsedNanos()), cost);
			return new Served<>(result.body(), callResult);
		}

		void succeeded(Served<T> served) {
			succeeded(served.result(), served.body(), this.answerUsage);
		}

		void succeeded(CallResult result, Object response, Usage usage) {
			if (observedEnd()) {
				this.handle.succeeded(keyOf(result.servedModel()), result.attempts(), result.fellBack(),
						result.requestId(), response, usage, result.estimatedCost());
			}
		}

		void failed(Throwable ex) {
			failed(ex, null, null);
		}

		void failed(Throwable ex, String streamedModel, Usage usage) {
			if (observedEnd()) {
				this.handle.failed(ex, this.attempts, (streamedModel != null) ? keyOf(streamedModel) : null, usage);
			}
		}

		void cancelled() {
			if (observedEnd()) {
				this.handle.cancelled(this.attempts);
			}
		}

	}

	/**
	 * The part of a streamed call that outlives its first element: ends the call once for
	 * its listener, however the stream ends, with the usage of its last usage element.
	 */
	private final class StreamCall<T> {

		private final Call<Flux<T>> call;

		private final Function<? super T, Usage> usageOf;

		private final AtomicBoolean ended = new AtomicBoolean();

		private volatile Served<Flux<T>> served;

		private volatile Usage usage;

		private final CallResultListener listener;

		StreamCall(Call<Flux<T>> call, Function<? super T, Usage> usageOf, CallResultListener listener) {
			this.call = call;
			this.usageOf = usageOf;
			this.listener = listener;
		}

		Flux<T> started(Served<Flux<T>> served) {
			this.served = served;
			if (this.listener != null) {
				this.listener.onResult(served.result());
			}
			Consumer<Object> elements = null;
			if (this.call.observed) {
				this.call.handle.firstChunk(this.call.keyOf(served.result().servedModel()),
						Duration.ofNanos(this.call.elapsedNanos()));
				elements = this.call.handle.elements();
			}
			Flux<T> body = served.body();
			if (this.usageOf != null) {
				body = body.doOnNext(this::readUsage);
			}
			if (elements != null) {
				body = body.doOnNext(elements);
			}
			return body.doOnComplete(this::completed).doOnError(this::failed).doOnCancel(this::cancelled);
		}

		private void readUsage(T element) {
			Usage found = this.usageOf.apply(element);
			if (found != null) {
				this.usage = found;
			}
		}

		private void completed() {
			if (!this.ended.compareAndSet(false, true)) {
				return;
			}
			CallResult result = this.served.result();
			Usage used = this.usage;
			BigDecimal cost = (CometCallExecutor.this.costEstimator != null && used != null)
					? CometCallExecutor.this.costEstimator.apply(result.servedModel(), used) : null;
			CallResult costed = result.withEstimatedCost(cost);
			if (this.listener != null) {
				this.listener.onResult(costed);
			}
			this.call.succeeded(costed, null, used);
		}

		void failed(Throwable ex) {
			if (!this.ended.compareAndSet(false, true)) {
				return;
			}
			Served<Flux<T>> started = this.served;
			if (started == null) {
				this.call.failed(ex);
				return;
			}
			this.call.failed(ex, started.result().servedModel(), this.usage);
		}

		void cancelled() {
			if (this.ended.compareAndSet(false, true)) {
				this.call.cancelled();
			}
		}

	}

	/**
	 * Builds a {@link CometCallExecutor}.
	 */
	static final class Builder {

		private CometLimiter limiter = CometLimiter.unlimited();

		private RetryBudget retryBudget = RetryBudget.defaults();

		private ModelCooldown cooldown = new ModelCooldown(CooldownSettings.DEFAULTS);

		private CometCallListener listener = CometCallListener.NOOP;

		private BiFunction<String, Usage, BigDecimal> costEstimator;

		private Scheduler scheduler = Schedulers.parallel();

		private DeadlineTimer deadlines = DeadlineTimer.wheel();

		private ModelKeys modelKeys = ModelKeys.of(List.of());

		private Builder() {
		}

		/**
		 * Set the keys the limiter, cooldowns and observations know models by; defaults
		 * to {@link ModelKeys#of ModelKeys.of(List.of())}: the first
		 * {@value ModelKeys#DEFAULT_MAX_ADMITTED} distinct names keep their own key, the
		 * rest share {@value ModelKeys#OTHER}.
		 * @param modelKeys the model keys
		 * @return this builder
		 */
		Builder modelKeys(ModelKeys modelKeys) {
			this.modelKeys = Objects.requireNonNull(modelKeys, "modelKeys");
			return this;
		}

		/**
		 * Set the limiter calls wait on.
		 * @param limiter the limiter
		 * @return this builder
		 */
		Builder limiter(CometLimiter limiter) {
			this.limiter = limiter;
			return this;
		}

		/**
		 * Set the retry budget shared by the calls.
		 * @param retryBudget the budget
		 * @return this builder
		 */
		Builder retryBudget(RetryBudget retryBudget) {
			this.retryBudget = retryBudget;
			return this;
		}

		/**
		 * Set the cooldowns of failing models.
		 * @param cooldown the cooldowns
		 * @return this builder
		 */
		Builder cooldown(ModelCooldown cooldown) {
			this.cooldown = cooldown;
			return this;
		}

		/**
		 * Set what is told about each call: its attempts, retries, fallbacks, first chunk
		 * and end.
		 * @param listener the listener; {@link CometCallListener#NOOP} for none
		 * @return this builder
		 */
		Builder listener(CometCallListener listener) {
			this.listener = Objects.requireNonNull(listener, "listener");
			return this;
		}

		/**
		 * Set what estimates the cost in USD of a model's usage.
		 * @param costEstimator the estimator, returning {@code null} when the price is
		 * unknown; or {@code null} for no estimate
		 * @return this builder
		 */
		Builder costEstimator(BiFunction<String, Usage, BigDecimal> costEstimator) {
			this.costEstimator = costEstimator;
			return this;
		}

		/**
		 * Set the scheduler of backoff delays, hedges and call deadlines. By default,
		 * delays and hedges run on {@link Schedulers#parallel()} and call deadlines on a
		 * lock-free timer wheel shared by the JVM (a deadline may fire up to 10 ms late);
		 * a scheduler set here runs all three, such as a virtual-time one in tests, and
		 * its clock times the call.
		 * @param scheduler the scheduler
		 * @return this builder
		 */
		Builder scheduler(Scheduler scheduler) {
			this.scheduler = scheduler;
			this.deadlines = DeadlineTimer.on(scheduler);
			return this;
		}

		/**
		 * Build the executor.
		 * @return the executor
		 */
		CometCallExecutor build() {
			return new CometCallExecutor(this);
		}

	}

}
