package com.cometapi.autoconfigure;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import com.cometapi.client.observation.CometHealthEvaluator;

/**
 * The {@code cometapi} health indicator of Spring Boot 4: reports what a
 * {@link CometHealthEvaluator} judges from live traffic, as {@code UP}, {@code DEGRADED}
 * or {@code DOWN}, with details per model. Never calls CometAPI.
 *
 * @author CometAPI team
 * @see CometLegacyHealthIndicator
 */
public class CometHealthIndicator implements HealthIndicator {

	/**
	 * The status of a template that serves calls while some model fails, is skipped or is
	 * saturated.
	 */
	public static final Status DEGRADED = new Status("DEGRADED");

	private final CometHealthEvaluator evaluator;

	/**
	 * Create an indicator.
	 * @param evaluator the evaluator of live traffic
	 */
	public CometHealthIndicator(CometHealthEvaluator evaluator) {
		this.evaluator = evaluator;
	}

	@Override
	public Health health() {
		CometHealthEvaluator.Report report = this.evaluator.evaluate();
		Status status = switch (report.status()) {
			case UP -> Status.UP;
			case DEGRADED -> DEGRADED;
			case DOWN -> Status.DOWN;
		};
		return Health.status(status).withDetails(report.details()).build();
	}

}
