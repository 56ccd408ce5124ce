package com.cometapi.client.resilience;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.LongSupplier;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

import com.cometapi.client.error.CometLimiterRejectedException;

/**
 * The limiter of one model: a count of requests in flight under an (adaptive) limit, an
 * optional token bucket (with a configured rate, also a log of the last second's sends,
 * so that the rate holds in every second), and a bounded FIFO queue of waiting calls.
 * <p>
 * A call takes a permit at once, without a lock, when nobody waits, requests are not
 * paced and the limit has room. Otherwise it joins the queue; the queue, the bucket and
 * the pacing timer are guarded by one small critical section that never runs user code or
 * I/O: granted calls are completed after it is left. A waiting call leaves on cancel or
 * on its queue timeout (a scheduler timer); a grant that races a cancel is given back.
 *
 * @author CometAPI team
 */
final class ModelLimiter {

	private final String model;

	private final ConcurrencySettings settings;

	private final String maxQueuedName;

	private final String queueTimeoutName;

	private final Scheduler scheduler;

	private final LongSupplier clock;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger drains = new AtomicInteger();

	private volatile AdaptiveLimit limit;

	private final Object lock = new Object();

	private TokenBucket bucket;

	private final SendWindow window;

	private final Mono<CometLimiter.Permit> acquire = new Acquire();

	private final Mono<CometLimiter.Permit> queue;

	private Waiter head;

	private Waiter tail;

	private volatile int queued;

	private boolean pumpScheduled;

	ModelLimiter(String model, ConcurrencySettings settings, String maxQueuedName, String queueTimeoutName,
			Scheduler scheduler, LongSupplier clock) {
		this.model = model;
		this.settings = settings;
		this.maxQueuedName = maxQueuedName;
		this.queueTimeoutName = queueTimeoutName;
		this.scheduler = scheduler;
		this.clock = clock;
		this.limit = new AdaptiveLimit(settings.adaptive(), settings.maxInFlight(), settings.minInFlight());
		this.bucket = new TokenBucket(clock.getAsLong(), TokenBucket.burst(settings.requestsPerSecond()));
		this.window = (settings.requestsPerSecond() > 0) ? new SendWindow(settings.requestsPerSecond()) : null;
		this.queue = Mono.<CometLimiter.Permit>create(this::enqueue)
			.doOnDiscard(GrantedPermit.class, (permit) -> permit.release(CometLimiter.Outcome.CANCELLED));
	}

	Mono<CometLimiter.Permit> acquire() {
		return this.acquire;
	}

	/**
	 * Forget the adapted limit and the learnt pace, keeping the permits in flight and the
	 * waiters, so that the limit still holds across the reset.
	 */
	void resetLearned() {
		synchronized (this.lock) {
			this.limit = new AdaptiveLimit(this.settings.adaptive(), this.settings.maxInFlight(),
					this.settings.minInFlight());
			this.bucket = new TokenBucket(this.clock.getAsLong(), TokenBucket.burst(this.settings.requestsPerSecond()));
		}
		if (this.queued > 0) {
			drain();
		}
	}

	LimiterSnapshot snapshot() {
		return new LimiterSnapshot(this.model, this.inFlight.get(), this.queued, this.limit.current(),
				this.settings.maxInFlight(), rate());
	}

	private double rate() {
		double configured = this.settings.requestsPerSecond();
		AdaptiveLimit limit = this.limit;
		double learnt = limit.isPaced() ? limit.learntRate(this.clock.getAsLong()) : 0;
		if (learnt > 0) {
			return (configured > 0) ? Math.min(configured, learnt) : learnt;
		}
		return configured;
	}

	private double burst(double rate) {
		return (rate == this.settings.requestsPerSecond()) ? TokenBucket.burst(rate) : 1.0;
	}

	private boolean tryFastPath() {
		return this.queued == 0 && rate() == 0 && tryIncrement();
	}

	private void enqueue(MonoSink<CometLimiter.Permit> sink) {
		if (tryFastPath()) {
			sink.success(new GrantedPermit(this.limit.epoch()));
			return;
		}
		Waiter waiter = new Waiter(sink);
		sink.onCancel(waiter::cancel);
		boolean rejected = false;
		Waiter granted = null;
		synchronized (this.lock) {
			if (waiter.state != Waiter.WAITING) {
				return;
			}
			if (this.queued >= this.settings.maxQueued()) {
				rejected = true;
			}
			else {
				link(waiter);
				granted = drainLocked();
			}
		}
		if (rejected) {
			sink.error(new CometLimiterRejectedException(this.model, this.maxQueuedName,
					String.valueOf(this.settings.maxQueued())));
			return;
		}
		deliver(granted);
		if (waiter.state == Waiter.WAITING && this.settings.queueTimeout() != null) {
			Disposable timer = this.scheduler.schedule(waiter::expire, this.settings.queueTimeout().toNanos(),
					TimeUnit.NANOSECONDS);
			waiter.timer = timer;
			if (waiter.state != Waiter.WAITING) {
				timer.dispose();
			}
		}
	}

	private boolean tryIncrement() {
		int limit = this.limit.current();
		for (;;) {
			int current = this.inFlight.get();
			if (current >= limit) {
				return false;
			}
			if (this.inFlight.compareAndSet(current, current + 1)) {
				return true;
			}
		}
	}

	private Waiter drainLocked() {
		Waiter first = null;
		Waiter last = null;
		double rate = rate();
		long now = (rate > 0) ? this.clock.getAsLong() : 0;
		while (this.head != null) {
			Waiter waiter = this.head;
			if (waiter.state != Waiter.WAITING) {
				unlink(waiter);
				continue;
			}
			if (rate > 0 && !this.bucket.hasToken(now, rate, burst(rate))) {
				schedulePumpLocked(this.bucket.nanosUntilToken(rate));
				break;
			}
			if (this.window != null && !this.window.hasRoom(now)) {
				schedulePumpLocked(this.window.nanosUntilRoom(now));
				break;
			}
			if (!tryIncrement()) {
				long ramp = this.limit.nanosUntilRamp(this.clock.getAsLong());
				if (ramp == 0 && this.limit.ramp(this.clock.getAsLong())) {
					continue;
				}
				if (ramp > 0) {
					schedulePumpLocked(ramp);
				}
				break;
			}
			waiter.permit = new GrantedPermit(this.limit.epoch());
			if (!Waiter.STATE.compareAndSet(waiter, Waiter.WAITING, Waiter.GRANTED)) {
				this.inFlight.decrementAndGet();
				unlink(waiter);
				continue;
			}
			if (rate > 0) {
				this.bucket.take();
			}
			if (this.window != null) {
				this.window.record(now);
			}
			unlink(waiter);
			if (last == null) {
				first = waiter;
			}
			else {
				last.nextGranted = waiter;
			}
			last = waiter;
		}
		return first;
	}

	private void schedulePumpLocked(long delayNanos) {
		if (this.pumpScheduled) {
			return;
		}
		this.pumpScheduled = true;
		this.scheduler.schedule(this::pump, delayNanos, TimeUnit.NANOSECONDS);
	}

	private void pump() {
		Waiter granted;
		synchronized (this.lock) {
			this.pumpScheduled = false;
			granted = drainLocked();
		}
		deliver(granted);
	}

	/**
	 * Grant what the limits allow and deliver it, on one thread at a time: a release made
	 * while a grant is delivered (a caller that finishes at once) makes the running loop
	 * go round again instead of recursing, so a long queue cannot overflow the stack.
	 */
	private void drain() {
		if (this.drains.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		do {
			Waiter granted;
			synchronized (this.lock) {
				granted = drainLocked();
			}
			deliver(granted);
			missed = this.drains.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private static void deliver(Waiter granted) {
		while (granted != null) {
			Waiter next = granted.nextGranted;
			granted.nextGranted = null;
			granted.granted();
			granted = next;
		}
	}

	private void link(Waiter waiter) {
		waiter.linked = true;
		waiter.prev = this.tail;
		if (this.tail == null) {
			this.head = waiter;
		}
		else {
			this.tail.next = waiter;
		}
		this.tail = waiter;
		this.queued++;
	}

	private void unlink(Waiter waiter) {
		if (!waiter.linked) {
			return;
		}
		waiter.linked = false;
		if (waiter.prev == null) {
			this.head = waiter.next;
		}
		else {
			waiter.prev.next = waiter.next;
		}
		if (waiter.next == null) {
			this.tail = waiter.prev;
		}
		else {
			waiter.next.prev = waiter.prev;
		}
		waiter.prev = null;
		waiter.next = null;
		this.queued--;
	}

	private void remove(Waiter waiter) {
		synchronized (this.lock) {
			unlink(waiter);
		}
	}

	private void release(GrantedPermit permit, CometLimiter.Outcome outcome) {
		int inFlight = this.inFlight.getAndDecrement();
		if (outcome == CometLimiter.Outcome.SUCCESS) {
			this.limit.onSuccess(inFlight, this.clock.getAsLong());
		}
		else if (outcome == CometLimiter.Outcome.RATE_LIMITED) {
			long now = this.clock.getAsLong();
			if (this.limit.onRateLimited(permit.epoch, now)) {
				synchronized (this.lock) {
					this.bucket.empty(now);
				}
			}
		}
		if (this.queued > 0) {
			drain();
		}
	}

	/**
	 * Asks for a permit: granted on the subscriber's thread, with no sink, context or
	 * lock, when the fast path has room; otherwise through the queue.
	 */
	private final class Acquire extends Mono<CometLimiter.Permit> {

		@Override
		public void subscribe(CoreSubscriber<? super CometLimiter.Permit> actual) {
			if (tryFastPath()) {
				actual.onSubscribe(new Grant(actual, new GrantedPermit(ModelLimiter.this.limit.epoch())));
			}
			else {
				ModelLimiter.this.queue.subscribe(actual);
			}
		}

	}

	/**
	 * Delivers a permit granted on the fast path once it is requested, or gives it back
	 * when the subscriber cancels first.
	 */
	private static final class Grant implements Subscription {

		private static final AtomicIntegerFieldUpdater<Grant> DONE = AtomicIntegerFieldUpdater.newUpdater(Grant.class,
				"done");

		private final CoreSubscriber<? super CometLimiter.Permit> actual;

		private final CometLimiter.Permit permit;

		private volatile int done;

		Grant(CoreSubscriber<? super CometLimiter.Permit> actual, CometLimiter.Permit permit) {
			this.actual = actual;
			this.permit = permit;
		}

		@Override
		public void request(long n) {
			if (n > 0 && DONE.compareAndSet(this, 0, 1)) {
				this.actual.onNext(this.permit);
				this.actual.onComplete();
			}
		}

		@Override
		public void cancel() {
			if (DONE.compareAndSet(this, 0, 1)) {
				this.permit.release(CometLimiter.Outcome.CANCELLED);
			}
		}

	}

	/**
	 * A permit handed out by this limiter; the first release counts.
	 */
	private final class GrantedPermit implements CometLimiter.Permit {

		private static final AtomicIntegerFieldUpdater<GrantedPermit> RELEASED = AtomicIntegerFieldUpdater
			.newUpdater(GrantedPermit.class, "released");

		private final int epoch;

		private volatile int released;

		GrantedPermit(int epoch) {
			this.epoch = epoch;
		}

		@Override
		public void release(CometLimiter.Outcome outcome) {
			if (RELEASED.compareAndSet(this, 0, 1)) {
				ModelLimiter.this.release(this, (outcome != null) ? outcome : CometLimiter.Outcome.FAILED);
			}
		}

		@Override
		public String toString() {
			return "Permit[model=" + ModelLimiter.this.model + ", released=" + (this.released != 0) + "]";
		}

	}

	/**
	 * A call waiting for a permit: a node of the FIFO queue.
	 */
	private final class Waiter {

		static final int WAITING = 0;

		static final int GRANTED = 1;

		static final int CANCELLED = 2;

		static final int EXPIRED = 3;

		static final AtomicIntegerFieldUpdater<Waiter> STATE = AtomicIntegerFieldUpdater.newUpdater(Waiter.class,
				"state");

		private final MonoSink<CometLimiter.Permit> sink;

		volatile int state;

		volatile GrantedPermit permit;

		volatile Disposable timer;

		Waiter prev;

		Waiter next;

		Waiter nextGranted;

		boolean linked;

		Waiter(MonoSink<CometLimiter.Permit> sink) {
			this.sink = sink;
		}

		void granted() {
			disposeTimer();
			this.sink.success(this.permit);
		}

		void cancel() {
			if (STATE.compareAndSet(this, WAITING, CANCELLED)) {
				disposeTimer();
				remove(this);
			}
			else if (this.state == GRANTED) {
				// the cancel won over the grant: the permit will never reach the caller
				GrantedPermit granted = this.permit;
				if (granted != null) {
					granted.release(CometLimiter.Outcome.CANCELLED);
				}
			}
		}

		void expire() {
			if (STATE.compareAndSet(this, WAITING, EXPIRED)) {
				remove(this);
				this.sink.error(new CometLimiterRejectedException(ModelLimiter.this.model,
						ModelLimiter.this.queueTimeoutName, format(ModelLimiter.this.settings.queueTimeout())));
			}
		}

		private void disposeTimer() {
			Disposable timer = this.timer;
			if (timer != null) {
				timer.dispose();
			}
		}

	}

	static String format(java.time.Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}
