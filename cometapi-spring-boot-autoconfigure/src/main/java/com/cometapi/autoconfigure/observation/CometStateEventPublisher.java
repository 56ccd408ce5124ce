package com.cometapi.autoconfigure.observation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.resilience.CometLimiterMetrics;
import com.cometapi.client.resilience.LimiterSnapshot;
import com.cometapi.client.resilience.ModelStateView;

/**
 * Publishes {@link CometCooldownStartedEvent}, {@link CometCooldownEndedEvent} and
 * {@link CometLimitChangedEvent} for the configured models: reads their cooldowns and
 * limiter state every poll interval and publishes what changed since the last look. Holds
 * one state per configured model, so its memory is bounded; touches nothing on the call
 * path.
 *
 * @author CometAPI team
 */
class CometStateEventPublisher implements SmartLifecycle {

	private final CometTemplate template;

	private final ApplicationEventPublisher publisher;

	private final List<String> models;

	private final Duration interval;

	private final Scheduler scheduler;

	private final boolean[] cooling;

	private final LimiterSnapshot[] limits;

	private volatile Disposable polling;

	CometStateEventPublisher(CometTemplate template, ApplicationEventPublisher publisher, List<String> models,
			Duration interval, Scheduler scheduler) {
		this.template = template;
		this.publisher = publisher;
		this.models = List.copyOf(models);
		this.interval = interval;
		this.scheduler = scheduler;
		this.cooling = new boolean[this.models.size()];
		this.limits = new LimiterSnapshot[this.models.size()];
		poll(false);
	}

	/**
	 * Look at the state now and publish what changed since the last look.
	 */
	synchronized void poll() {
		poll(true);
	}

	private void poll(boolean publish) {
		ModelStateView state = this.template.getModelState();
		Map<String, Duration> coolingDown = state.getCooldown().coolingDown();
		CometLimiterMetrics limiter = (state.getLimiter() instanceof CometLimiterMetrics metrics) ? metrics : null;
		for (int i = 0; i < this.models.size(); i++) {
			String model = this.models.get(i);
			Duration remaining = coolingDown.get(model);
			boolean nowCooling = remaining != null;
			if (publish && nowCooling != this.cooling[i]) {
				this.publisher.publishEvent(nowCooling ? new CometCooldownStartedEvent(this.template, model, remaining)
						: new CometCooldownEndedEvent(this.template, model));
			}
			this.cooling[i] = nowCooling;
			if (limiter != null) {
				LimiterSnapshot snapshot = limiter.snapshot(model);
				LimiterSnapshot previous = this.limits[i];
				if (publish && previous != null && (previous.limit() != snapshot.limit()
						|| Double.compare(previous.requestsPerSecond(), snapshot.requestsPerSecond()) != 0)) {
					this.publisher.publishEvent(new CometLimitChangedEvent(this.template, previous, snapshot));
				}
				this.limits[i] = snapshot;
			}
		}
	}

	@Override
	public void start() {
		if (this.polling == null) {
			this.polling = this.scheduler.schedulePeriodically(this::poll, this.interval.toNanos(),
					this.interval.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public void stop() {
		Disposable polling = this.polling;
		this.polling = null;
		if (polling != null) {
			polling.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		return this.polling != null;
	}

}
