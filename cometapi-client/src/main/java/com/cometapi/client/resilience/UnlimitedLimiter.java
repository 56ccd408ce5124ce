package com.cometapi.client.resilience;

import reactor.core.publisher.Mono;

/**
 * A {@link CometLimiter} that grants every permit at once.
 *
 * @author CometAPI team
 */
final class UnlimitedLimiter implements CometLimiter {

	static final UnlimitedLimiter INSTANCE = new UnlimitedLimiter();

	private static final Permit PERMIT = (outcome) -> {
	};

	private static final Mono<Permit> GRANTED = Mono.just(PERMIT);

	private UnlimitedLimiter() {
	}

	@Override
	public Mono<Permit> acquire(String model) {
		return GRANTED;
	}

}
