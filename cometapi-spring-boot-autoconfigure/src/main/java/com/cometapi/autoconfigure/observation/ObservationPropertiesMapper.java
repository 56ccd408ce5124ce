package com.cometapi.autoconfigure.observation;

import java.time.Duration;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import com.cometapi.autoconfigure.CometApiProperties;
import com.cometapi.autoconfigure.internal.PropertyChecks;
import com.cometapi.client.observation.CometHealthEvaluator;

/**
 * Reads and checks {@code cometapi.observation.*}: the one place these properties are
 * mapped, each failing start-up with an
 * {@link InvalidConfigurationPropertyValueException} that names it.
 *
 * @author CometAPI team
 */
final class ObservationPropertiesMapper {

	private static final String HEALTH = "cometapi.observation.health";

	private static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(100);

	private final CometApiProperties.Observation observation;

	ObservationPropertiesMapper(CometApiProperties.Observation observation) {
		this.observation = observation;
	}

	Duration pollInterval() {
		Duration interval = this.observation.getEvents().getPollInterval();
		if (interval == null || interval.compareTo(MIN_POLL_INTERVAL) < 0) {
			throw new InvalidConfigurationPropertyValueException("cometapi.observation.events.poll-interval", interval,
					"must be at least " + MIN_POLL_INTERVAL.toMillis() + "ms");
		}
		return interval;
	}

	int healthWindowSize() {
		return PropertyChecks.between(HEALTH + ".window-size", this.observation.getHealth().getWindowSize(), 1,
				PropertyChecks.MAX_WINDOW);
	}

	CometHealthEvaluator.Settings healthSettings() {
		CometApiProperties.Observation.Health health = this.observation.getHealth();
		int window = healthWindowSize();
		int minimum = PropertyChecks.between(HEALTH + ".minimum-attempts", health.getMinimumAttempts(), 1, window);
		double threshold = PropertyChecks.fraction(HEALTH + ".failure-rate-threshold",
				health.getFailureRateThreshold());
		return new CometHealthEvaluator.Settings(minimum, threshold,
				PropertyChecks.positive(HEALTH + ".stale-after", health.getStaleAfter()));
	}

	Duration catalogCheckInterval() {
		return PropertyChecks.positive(HEALTH + ".catalog-check-interval",
				this.observation.getHealth().getCatalogCheckInterval());
	}

}
