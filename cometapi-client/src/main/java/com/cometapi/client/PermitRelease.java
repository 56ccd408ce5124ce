package com.cometapi.client;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

import com.cometapi.client.error.CometRateLimitException;
import com.cometapi.client.resilience.CometLimiter;

/**
 * Gives a limiter's permit back when the attempt that holds it ends: on its value or
 * completion as a success, on its error as rate limited or failed, on its cancellation as
 * cancelled; before the signal goes on downstream, and once. One operator in place of
 * three peeks on every attempt.
 *
 * @param <T> the value type
 * @author CometAPI team
 */
final class PermitRelease<T> extends MonoOperator<T, T> {

	private final CometLimiter.Permit permit;

	private PermitRelease(Mono<T> attempt, CometLimiter.Permit permit) {
		super(attempt);
		this.permit = permit;
	}

	/**
	 * Release a permit when an attempt ends.
	 * @param <T> the value type
	 * @param attempt the attempt
	 * @param permit the permit it holds; its release is idempotent
	 * @return the attempt, releasing the permit as it ends
	 */
	static <T> Mono<T> releaseOnEnd(Mono<T> attempt, CometLimiter.Permit permit) {
		return new PermitRelease<>(attempt, permit);
	}

	/**
	 * Return how an attempt that failed with an error ended for the limiter.
	 * @param ex the error
	 * @return the outcome
	 */
	static CometLimiter.Outcome outcomeOf(Throwable ex) {
		return (ex instanceof CometRateLimitException) ? CometLimiter.Outcome.RATE_LIMITED
				: CometLimiter.Outcome.FAILED;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		this.source.subscribe(new Releasing<>(actual, this.permit));
	}

	private static final class Releasing<T> implements CoreSubscriber<T>, Subscription {

		private final CoreSubscriber<? super T> actual;

		private final CometLimiter.Permit permit;

		private Subscription upstream;

		Releasing(CoreSubscriber<? super T> actual, CometLimiter.Permit permit) {
			this.actual = actual;
			this.permit = permit;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.validate(this.upstream, subscription)) {
				this.upstream = subscription;
				this.actual.onSubscribe(this);
			}
		}

		@Override
		public void onNext(T item) {
			this.permit.release(CometLimiter.Outcome.SUCCESS);
			this.actual.onNext(item);
		}

		@Override
		public void onError(Throwable error) {
			this.permit.release(outcomeOf(error));
			this.actual.onError(error);
		}

		@Override
		public void onComplete() {
			this.permit.release(CometLimiter.Outcome.SUCCESS);
			this.actual.onComplete();
		}

		@Override
		public void request(long n) {
			this.upstream.request(n);
		}

		@Override
		public void cancel() {
			this.permit.release(CometLimiter.Outcome.CANCELLED);
			this.upstream.cancel();
		}

	}

}
