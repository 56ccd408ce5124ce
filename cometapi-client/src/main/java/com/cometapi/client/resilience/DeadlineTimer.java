package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Bounds calls and attempts by a deadline. Almost every call ends before its deadline, so
 * arming and disarming one must cost next to nothing: the {@link #wheel() default} timer
 * is one wheel shared by the JVM, where both are lock-free, rather than a Reactor
 * scheduler, whose delay queue takes a lock and can wake a thread on every call, or
 * {@link Mono#timeout(Duration)}, which also names its source on every subscription. A
 * deadline on the wheel fires up to one tick ({@value #TICK_MILLIS} ms) late. The wheel's
 * one thread only hands an expired deadline over to {@link Schedulers#boundedElastic()}:
 * what the expiry runs (the cancellation, the error, the caller's own callbacks) never
 * delays another deadline, even when it blocks.
 *
 * @author CometAPI team
 */
public abstract class DeadlineTimer {

	/**
	 * The resolution of the wheel, in milliseconds.
	 */
	public static final long TICK_MILLIS = 10;

	private static final DeadlineTimer WHEEL = new Wheel();

	DeadlineTimer() {
	}

	/**
	 * Return the timer wheel shared by the JVM, whose thread starts with its first
	 * deadline and runs expired ones on {@link Schedulers#boundedElastic()}.
	 * @return the wheel timer
	 */
	public static DeadlineTimer wheel() {
		return WHEEL;
	}

	/**
	 * Return a timer that runs deadlines on a Reactor scheduler, such as a virtual-time
	 * one in tests.
	 * @param scheduler the scheduler
	 * @return the timer
	 */
	public static DeadlineTimer on(Scheduler scheduler) {
		return new OnScheduler(scheduler);
	}

	/**
	 * Return a {@code Mono} that mirrors the source unless the deadline passes first, in
	 * which case the source is cancelled and the {@code Mono} fails with the given error.
	 * @param <T> the value type
	 * @param source the source
	 * @param deadline how long the source may take from its subscription
	 * @param error makes the error of a passed deadline
	 * @return the bounded {@code Mono}
	 */
	public <T> Mono<T> bound(Mono<T> source, Duration deadline, Supplier<? extends Throwable> error) {
		return new MonoDeadline<>(source, deadline, this, error);
	}

	/**
	 * Return a {@code Flux} that mirrors the source unless its first element takes longer
	 * than one deadline or a later gap between elements longer than another, in which
	 * case the source is cancelled and the {@code Flux} fails with the given error.
	 * @param <T> the element type
	 * @param source the source
	 * @param first how long the first element may take from the subscription
	 * @param gap how long the source may then go without an element
	 * @param error makes the error of a passed deadline
	 * @return the bounded {@code Flux}
	 */
	public <T> Flux<T> boundGaps(Flux<T> source, Duration first, Duration gap, Supplier<? extends Throwable> error) {
		return new FluxGapDeadline<>(source, first, gap, null, this, error, error);
	}

	/**
	 * Return a {@code Flux} that mirrors the source as {@link #boundGaps} does, and fails
	 * with another error, cancelling the source, when the whole source takes longer than
	 * a third deadline.
	 * @param <T> the element type
	 * @param source the source
	 * @param first how long the first element may take from the subscription
	 * @param gap how long the source may then go without an element
	 * @param total how long the whole source may take from the subscription
	 * @param gapError makes the error of a passed first or gap deadline
	 * @param totalError makes the error of a passed total deadline
	 * @return the bounded {@code Flux}
	 */
	public <T> Flux<T> boundGaps(Flux<T> source, Duration first, Duration gap, Duration total,
			Supplier<? extends Throwable> gapError, Supplier<? extends Throwable> totalError) {
		return new FluxGapDeadline<>(source, first, gap, total, this, gapError, totalError);
	}

	/**
	 * Run a task once the given time has passed.
	 * @param task the task
	 * @param after how long from now
	 * @return what cancels the task
	 */
	abstract Disposable schedule(Runnable task, Duration after);

	/**
	 * Return a duration in nanoseconds, saturated at {@link Long#MAX_VALUE} for one too
	 * long to count in them (some 292 years), which is as good as never.
	 * @param duration the duration, not negative
	 * @return the nanoseconds
	 */
	static long nanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
	}

	/**
	 * Return this timer's clock.
	 * @return the time in nanoseconds, only for measuring elapsed time
	 */
	public long nanoTime() {
		return System.nanoTime();
	}

	private static final class Wheel extends DeadlineTimer {

		private final HashedWheelTimer timer = new HashedWheelTimer(new DefaultThreadFactory("cometapi-deadline", true),
				TICK_MILLIS, TimeUnit.MILLISECONDS, 512);

		@Override
		Disposable schedule(Runnable task, Duration after) {
			Timeout timeout = this.timer.newTimeout((expired) -> handOver(task), nanos(after), TimeUnit.NANOSECONDS);
			return timeout::cancel;
		}

		private static void handOver(Runnable task) {
			try {
				Schedulers.boundedElastic().schedule(task);
			}
			catch (RejectedExecutionException ex) {
				task.run();
			}
		}

	}

	private static final class OnScheduler extends DeadlineTimer {

		private final Scheduler scheduler;

		OnScheduler(Scheduler scheduler) {
			this.scheduler = scheduler;
		}

		@Override
		Disposable schedule(Runnable task, Duration after) {
			return this.scheduler.schedule(task, nanos(after), TimeUnit.NANOSECONDS);
		}

		@Override
		public long nanoTime() {
			return this.scheduler.now(TimeUnit.NANOSECONDS);
		}

	}

}
