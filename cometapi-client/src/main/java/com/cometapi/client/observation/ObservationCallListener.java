package com.cometapi.client.observation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.Consumer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.util.context.Context;

import com.cometapi.client.error.CometApiException;
import com.cometapi.client.error.CometConnectionException;
import com.cometapi.client.error.CometErrorDecision;
import com.cometapi.client.error.CometLimiterRejectedException;
import com.cometapi.client.error.CometStreamTimeoutException;
import com.cometapi.client.error.CometTimeoutException;
import com.cometapi.client.listener.AttemptHandle;
import com.cometapi.client.listener.CallHandle;
import com.cometapi.client.listener.CometCallListener;
import com.cometapi.client.listener.TokenCounts;

/**
 * The {@link CometCallListener} that makes each call a Micrometer observation
 * ({@link CometObservationDocumentation#CALL}, context {@link CometCallContext}) and each
 * attempt a child observation ({@link CometObservationDocumentation#ATTEMPT}, context
 * {@link CometAttemptContext}), with {@link CometRetryEvent}, {@link CometFallbackEvent}
 * and {@link CometFirstChunkEvent} signalled on the call. The call's observation is put
 * in the Reactor context of its subscription under
 * {@link ObservationThreadLocalAccessor#KEY}, so that what runs below the call (the HTTP
 * client's own observation, user code with context propagation) sees it as the current
 * observation. A call made while the registry is a no-op is not observed and costs
 * nothing.
 *
 * @author CometAPI team
 */
public final class ObservationCallListener implements CometCallListener {

	private static final DefaultCometCallObservationConvention DEFAULT_CALL_CONVENTION = new DefaultCometCallObservationConvention();

	private static final DefaultCometAttemptObservationConvention DEFAULT_ATTEMPT_CONVENTION = new DefaultCometAttemptObservationConvention();

	private final ObservationRegistry registry;

	private final CometCallObservationConvention callConvention;

	private final CometAttemptObservationConvention attemptConvention;

	private final String serverAddress;

	private final int serverPort;

	/**
	 * Create a listener with the default conventions and no server address.
	 * @param registry the registry of the observations
	 */
	public ObservationCallListener(ObservationRegistry registry) {
		this(registry, null, null, null, -1);
	}

	/**
	 * Create a listener.
	 * @param registry the registry of the observations
	 * @param callConvention the convention of call observations, or {@code null} for the
	 * default
	 * @param attemptConvention the convention of attempt observations, or {@code null}
	 * for the default
	 * @param serverAddress the host the calls go to (for {@code server.address}), or
	 * {@code null}
	 * @param serverPort its port, or {@code -1}
	 */
	public ObservationCallListener(ObservationRegistry registry, CometCallObservationConvention callConvention,
			CometAttemptObservationConvention attemptConvention, String serverAddress, int serverPort) {
		this.registry = registry;
		this.callConvention = callConvention;
		this.attemptConvention = attemptConvention;
		this.serverAddress = serverAddress;
		this.serverPort = serverPort;
	}

	@Override
	public CallHandle callStarted(String operation, String route, String requestedModel, Object request) {
		if (this.registry.isNoop()) {
			return CallHandle.NOOP;
		}
		CometCallContext context = new CometCallContext(operation, route, requestedModel, this.serverAddress,
				this.serverPort);
		context.setRequest(request);
		Observation observation = CometObservationDocumentation.CALL.observation(this.callConvention,
				DEFAULT_CALL_CONVENTION, () -> context, this.registry);
		observation.start();
		return new ObservedCall(context, observation);
	}

	private static CometTokenUsage tokenUsage(TokenCounts counts) {
		if (counts == null || counts instanceof CometTokenUsage) {
			return (CometTokenUsage) counts;
		}
		return new Counts(counts.promptTokens(), counts.completionTokens(), counts.totalTokens());
	}

	private static CometOutcome outcomeOf(Throwable ex) {
		if (ex instanceof CometLimiterRejectedException) {
			return CometOutcome.REJECTED;
		}
		if (ex instanceof CometTimeoutException timeout && timeout.getDecision() == CometErrorDecision.FAIL) {
			return CometOutcome.TIMEOUT;
		}
		if (ex instanceof CometApiException comet && comet.getDecision() == CometErrorDecision.FAIL) {
			return CometOutcome.CLIENT_ERROR;
		}
		return CometOutcome.EXHAUSTED;
	}

	private record Counts(Integer promptTokens, Integer completionTokens,
			Integer totalTokens) implements CometTokenUsage {

	}

	/**
	 * One observed call: its context and observation.
	 */
	private final class ObservedCall implements CallHandle {

		private final CometCallContext context;

		private final Observation observation;

		ObservedCall(CometCallContext context, Observation observation) {
			this.context = context;
			this.observation = observation;
		}

		@Override
		public AttemptHandle attemptStarted(String model, int attempt) {
			CometAttemptContext attemptContext = new CometAttemptContext(this.context, model, attempt);
			Observation attemptObservation = CometObservationDocumentation.ATTEMPT.observation(
					ObservationCallListener.this.attemptConvention, DEFAULT_ATTEMPT_CONVENTION, () -> attemptContext,
					ObservationCallListener.this.registry);
			attemptObservation.start();
			return new ObservedAttempt(attemptContext, attemptObservation);
		}

		@Override
		public void retry(String model, int attempts, Duration delay, String reason) {
			this.observation.event(new CometRetryEvent(model, reason));
		}

		@Override
		public void fallback(String from, String to, String reason) {
			this.observation.event(new CometFallbackEvent(from, to, reason));
		}

		@Override
		public void firstChunk(String model, Duration latency) {
			this.observation.event(new CometFirstChunkEvent(model, latency));
		}

		@Override
		public Consumer<Object> elements() {
			Consumer<CometAnswer> recorder = CometStreamedResponse.recorder(this.context);
			return (element) -> {
				if (element instanceof CometAnswer answer) {
					recorder.accept(answer);
				}
			};
		}

		@Override
		public void succeeded(String servedModel, int attempts, boolean fellBack, String requestId, Object response,
				TokenCounts usage, BigDecimal estimatedCost) {
			this.context.setUsage(tokenUsage(usage));
			if (response != null) {
				this.context.setResponse(response);
			}
			this.context.setServedModel(servedModel);
			this.context.setRequestId(requestId);
			this.context.setAttempts(attempts);
			this.context.setEstimatedCost(estimatedCost);
			this.context.setOutcome(fellBack ? CometOutcome.FALLBACK_SUCCESS : CometOutcome.SUCCESS);
			this.observation.stop();
		}

		@Override
		public void failed(Throwable error, int attempts, String streamedModel, TokenCounts usage) {
			CometOutcome outcome = outcomeOf(error);
			if (streamedModel != null) {
				this.context.setServedModel(streamedModel);
				this.context.setUsage(tokenUsage(usage));
				outcome = (error instanceof CometStreamTimeoutException) ? CometOutcome.TIMEOUT
						: CometOutcome.STREAM_BROKEN;
			}
			this.context.setAttempts(attempts);
			if (error instanceof CometApiException comet) {
				this.context.setRequestId(comet.getRequestId());
			}
			this.context.setOutcome(outcome);
			this.observation.error(error);
			this.observation.stop();
		}

		@Override
		public void cancelled(int attempts) {
			this.context.setAttempts(attempts);
			this.context.setOutcome(CometOutcome.CANCELLED);
			this.observation.stop();
		}

		@Override
		public Context contextWrite(Context context) {
			return context.put(ObservationThreadLocalAccessor.KEY, this.observation);
		}

	}

	/**
	 * One observed attempt.
	 */
	private record ObservedAttempt(CometAttemptContext context, Observation observation) implements AttemptHandle {

		@Override
		public void succeeded(String requestId) {
			this.context.recordResponse(200, requestId);
			this.observation.stop();
		}

		@Override
		public void failed(Throwable error) {
			if (error instanceof CometApiException comet) {
				String failure = (comet instanceof CometTimeoutException) ? "TIMEOUT"
						: (comet instanceof CometConnectionException) ? "IO_ERROR" : null;
				this.context.recordFailure(comet.getStatus(), failure, comet.getDecision(), comet.getRequestId());
			}
			else {
				this.context.recordFailure(0, "IO_ERROR", CometErrorDecision.FAIL, null);
			}
			this.observation.error(error);
			this.observation.stop();
		}

		@Override
		public void cancelled(boolean deadlinePassed) {
			if (deadlinePassed) {
				this.context.recordFailure(0, "TIMEOUT", CometErrorDecision.NEXT_MODEL, null);
			}
			this.observation.stop();
		}

	}

}
