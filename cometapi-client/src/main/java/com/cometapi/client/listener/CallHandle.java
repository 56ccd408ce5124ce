package com.cometapi.client.listener;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.Consumer;

import reactor.util.context.Context;

/**
 * What a {@link CometCallListener} is told about one call, from its start to its end.
 * Models are given by their key: a configured or catalog model keeps its name, any other
 * shares {@code other}, so values stay low-cardinality. Exactly one of
 * {@link #succeeded}, {@link #failed} and {@link #cancelled} is called, once, last.
 * Methods may be called on any thread and must not block or throw.
 *
 * @author CometAPI team
 */
public interface CallHandle {

	/**
	 * The handle of a listener that ignores the call; the pipeline recognizes it and
	 * skips all reporting for the call.
	 */
	CallHandle NOOP = new CallHandle() {
	};

	/**
	 * An HTTP attempt on a model starts.
	 * @param model the model's key
	 * @param attempt the number of the attempt within the call, from 1
	 * @return what to tell about the attempt's end; {@link AttemptHandle#NOOP} to ignore
	 * it
	 */
	default AttemptHandle attemptStarted(String model, int attempt) {
		return AttemptHandle.NOOP;
	}

	/**
	 * A failed attempt is retried on the same model after a delay.
	 * @param model the model's key
	 * @param attempts the attempts made on the model so far
	 * @param delay the backoff before the next attempt
	 * @param reason why: the HTTP status, {@code TIMEOUT}, {@code IO_ERROR} or
	 * {@code MALFORMED}
	 */
	default void retry(String model, int attempts, Duration delay, String reason) {
	}

	/**
	 * The call moves from one model to the next.
	 * @param from the key of the model left (or skipped)
	 * @param to the key of the model tried next
	 * @param reason why: as for {@link #retry}, or {@code COOLDOWN} when the first model
	 * was skipped, {@code HEDGE} when a hedge started the next model
	 */
	default void fallback(String from, String to, String reason) {
	}

	/**
	 * The first element of a streamed call arrived.
	 * @param model the key of the model that serves the stream
	 * @param latency the time from the call's start
	 */
	default void firstChunk(String model, Duration latency) {
	}

	/**
	 * Return what reads each element of a streamed call after its first one arrived, in
	 * order, or {@code null} to read none.
	 * @return the reader, or {@code null}
	 */
	default Consumer<Object> elements() {
		return null;
	}

	/**
	 * The call succeeded: for a stream, once its last element arrived.
	 * @param servedModel the key of the model that answered
	 * @param attempts the attempts of the call
	 * @param fellBack whether a model other than the first one answered
	 * @param requestId CometAPI's request id, or {@code null}
	 * @param response the answer, or {@code null} for a stream (see {@link #elements()})
	 * @param usage the tokens used, or {@code null} when unknown
	 * @param estimatedCost the estimated cost in USD, or {@code null} when unknown
	 */
	default void succeeded(String servedModel, int attempts, boolean fellBack, String requestId, Object response,
			TokenCounts usage, BigDecimal estimatedCost) {
	}

	/**
	 * The call failed.
	 * @param error the failure, usually a
	 * {@link com.cometapi.client.error.CometApiException}
	 * @param attempts the attempts of the call
	 * @param streamedModel the key of the model whose stream had started and then broke,
	 * or {@code null} when the call failed before any answer
	 * @param usage the tokens a broken stream reported, or {@code null}
	 */
	default void failed(Throwable error, int attempts, String streamedModel, TokenCounts usage) {
	}

	/**
	 * The caller cancelled the call.
	 * @param attempts the attempts of the call
	 */
	default void cancelled(int attempts) {
	}

	/**
	 * Add to the Reactor context the call's subscription runs with, such as the current
	 * observation for the user code and HTTP instrumentation below the call. Called once
	 * per call, at subscription; the only hook that is not a plain value, because what
	 * runs below the call can only see the call through the Reactor context.
	 * @param context the context of the subscriber
	 * @return the context to run the call with
	 */
	default Context contextWrite(Context context) {
		return context;
	}

}
