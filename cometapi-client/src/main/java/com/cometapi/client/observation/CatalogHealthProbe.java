package com.cometapi.client.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import com.cometapi.client.error.LogSafe;

/**
 * An active health check: reads CometAPI's public catalog at most once per interval and
 * keeps the result, so a health probe never waits on the network and never calls the API
 * more often than the interval allows. The first look starts a check and reports
 * {@link State#PENDING}. Thread-safe and lock-free.
 *
 * @author CometAPI team
 */
public final class CatalogHealthProbe {

	private static final int MAX_ERROR_LENGTH = 300;

	private final Supplier<Mono<?>> check;

	private final Duration interval;

	private final Duration timeout;

	private final LongSupplier nanoClock;

	private final AtomicBoolean running = new AtomicBoolean();

	private final AtomicLong startedAt = new AtomicLong();

	private volatile boolean started;

	private volatile Result result = new Result(State.PENDING, null, null);

	/**
	 * Create a probe.
	 * @param check reads the catalog; any success counts as reachable
	 * @param interval the least time between two checks
	 * @param timeout the longest a check may take
	 * @param nanoClock a monotonic clock in nanoseconds
	 */
	public CatalogHealthProbe(Supplier<Mono<?>> check, Duration interval, Duration timeout, LongSupplier nanoClock) {
		this.check = check;
		this.interval = interval;
		this.timeout = timeout;
		this.nanoClock = nanoClock;
	}

	/**
	 * Return the result of the last check, starting a new one in the background when the
	 * last is older than the interval.
	 * @return the last result
	 */
	public Result current() {
		long now = this.nanoClock.getAsLong();
		boolean due = !this.started || now - this.startedAt.get() >= this.interval.toNanos();
		if (due && this.running.compareAndSet(false, true)) {
			this.started = true;
			this.startedAt.set(now);
			Mono.defer(this.check).timeout(this.timeout).subscribe((answer) -> {
			}, (ex) -> finish(new Result(State.UNREACHABLE, describe(ex), Instant.now())),
					() -> finish(new Result(State.REACHABLE, null, Instant.now())));
		}
		return this.result;
	}

	private void finish(Result result) {
		this.result = result;
		this.running.set(false);
	}

	private static String describe(Throwable ex) {
		return ex.getClass().getSimpleName()
				+ ((ex.getMessage() != null) ? ": " + LogSafe.escape(ex.getMessage(), MAX_ERROR_LENGTH) : "");
	}

	/**
	 * What the last check found.
	 */
	public enum State {

		/**
		 * No check has finished yet.
		 */
		PENDING,

		/**
		 * The catalog answered.
		 */
		REACHABLE,

		/**
		 * The catalog did not answer, or answered with an error.
		 */
		UNREACHABLE

	}

	/**
	 * The result of a check.
	 *
	 * @param state what was found
	 * @param error why the catalog was unreachable, or {@code null}
	 * @param checkedAt when the check finished, or {@code null} while pending
	 */
	public record Result(State state, String error, Instant checkedAt) {

	}

}
