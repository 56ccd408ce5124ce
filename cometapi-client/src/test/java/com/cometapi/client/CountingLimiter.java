package com.cometapi.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;

import com.cometapi.client.resilience.CometLimiter;

/**
 * A limiter that grants every permit and records how each was given back.
 */
class CountingLimiter implements CometLimiter {

	final AtomicInteger acquired = new AtomicInteger();

	final AtomicInteger held = new AtomicInteger();

	final List<Outcome> releases = new CopyOnWriteArrayList<>();

	@Override
	public Mono<Permit> acquire(String model) {
		return Mono.fromSupplier(() -> {
			this.acquired.incrementAndGet();
			this.held.incrementAndGet();
			AtomicInteger once = new AtomicInteger();
			return (outcome) -> {
				if (once.getAndIncrement() == 0) {
					this.held.decrementAndGet();
					this.releases.add(outcome);
				}
			};
		});
	}

}
