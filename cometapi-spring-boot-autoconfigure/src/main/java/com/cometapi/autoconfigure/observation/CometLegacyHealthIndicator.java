package com.cometapi.autoconfigure.observation;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

import com.cometapi.client.observation.CometHealthEvaluator;

/**
 * The {@code cometapi} health indicator of Spring Boot 3 (the
 * {@code spring-boot-actuator} API): reports what a {@link CometHealthEvaluator} judges
 * from live traffic, as {@code UP} or {@code DEGRADED} (or {@code DOWN} when the operator
 * opts in), with details per model. Never calls CometAPI. {@code DEGRADED} is a custom
 * status that Spring Boot's default status order ignores, so by default this indicator
 * never turns the aggregate health down.
 *
 * @author CometAPI team
 * @see CometHealthIndicator
 */
public class CometLegacyHealthIndicator implements HealthIndicator {

	/**
	 * The status of a template that serves calls while some model fails, is skipped or is
	 * saturated.
	 */
	public static final Status DEGRADED = new Status("DEGRADED");

	private final CometHealthEvaluator evaluator;

	private final boolean affectsAggregate;

	/**
	 * Create an indicator that never reports {@code DOWN}: what the evaluator judges
	 * {@code DOWN} is reported as {@link #DEGRADED} with its reason, so that it never
	 * takes the application's aggregate health down.
	 * @param evaluator the evaluator of live traffic
	 */
	public CometLegacyHealthIndicator(CometHealthEvaluator evaluator) {
		this(evaluator, false);
	}

	/**
	 * Create an indicator.
	 * @param evaluator the evaluator of live traffic
	 * @param affectsAggregate whether what the evaluator judges {@code DOWN} is reported
	 * as {@code DOWN} (and so takes the aggregate health down) rather than as
	 * {@link #DEGRADED}
	 */
	public CometLegacyHealthIndicator(CometHealthEvaluator evaluator, boolean affectsAggregate) {
		this.evaluator = evaluator;
		this.affectsAggregate = affectsAggregate;
	}

	@Override
	public Health health() {
		CometHealthEvaluator.Report report = this.evaluator.evaluate();
		Status status = switch (report.status()) {
			case UP -> Status.UP;
			case DEGRADED -> DEGRADED;
			case DOWN -> (this.affectsAggregate) ? Status.DOWN : DEGRADED;
		};
		return Health.status(status).withDetails(report.details()).build();
	}

}
