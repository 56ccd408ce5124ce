package com.cometapi.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A scheduler for tests that records every delay asked of it and runs the short ones
 * (backoffs) at once, so backoff decisions can be asserted exactly without waiting.
 * Delays at or above the threshold (timeouts) are scheduled for real, on a virtual-time
 * scheduler if one is given, whose clock is then this scheduler's.
 */
final class DelayRecordingScheduler implements Scheduler {

	private final Scheduler delegate;

	private final Duration threshold;

	private final List<Duration> delays = new CopyOnWriteArrayList<>();

	DelayRecordingScheduler(Duration threshold) {
		this(threshold, Schedulers.parallel());
	}

	DelayRecordingScheduler(Duration threshold, Scheduler delegate) {
		this.threshold = threshold;
		this.delegate = delegate;
	}

	List<Duration> backoffs() {
		return this.delays.stream().filter((delay) -> delay.compareTo(this.threshold) < 0).toList();
	}

	long count(Duration delay) {
		return this.delays.stream().filter(delay::equals).count();
	}

	@Override
	public long now(TimeUnit unit) {
		return this.delegate.now(unit);
	}

	@Override
	public Disposable schedule(Runnable task) {
		return this.delegate.schedule(task);
	}

	@Override
	public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
		Duration duration = Duration.ofNanos(unit.toNanos(delay));
		this.delays.add(duration);
		if (duration.compareTo(this.threshold) < 0) {
			return this.delegate.schedule(task);
		}
		return this.delegate.schedule(task, delay, unit);
	}

	@Override
	public Worker createWorker() {
		return this.delegate.createWorker();
	}

}
