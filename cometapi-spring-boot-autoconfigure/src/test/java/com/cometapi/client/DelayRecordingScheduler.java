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
 * Delays at or above the threshold (timeouts) are scheduled for real.
 */
final class DelayRecordingScheduler implements Scheduler {

	private final Scheduler delegate = Schedulers.parallel();

	private final Duration threshold;

	private final List<Duration> delays = new CopyOnWriteArrayList<>();

	DelayRecordingScheduler(Duration threshold) {
		this.threshold = threshold;
	}

	List<Duration> backoffs() {
		return this.delays.stream().filter((delay) -> delay.compareTo(this.threshold) < 0).toList();
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
