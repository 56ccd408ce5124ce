package com.cometapi.autoconfigure.internal;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import com.cometapi.client.internal.Checks;

/**
 * The checks of single {@code cometapi.*} values that every feature's mapping uses: each
 * returns the value or fails start-up with an
 * {@link InvalidConfigurationPropertyValueException} that names the property. Internal:
 * no compatibility promise.
 *
 * @author CometAPI team
 */
public final class PropertyChecks {

	/**
	 * Longest duration a property may hold: the longest time the HTTP client and the
	 * timers can count.
	 */
	public static final Duration MAX_DURATION = Checks.MAX_DURATION;

	/**
	 * Largest sliding window (of calls or attempts) a property may size.
	 */
	public static final int MAX_WINDOW = 10_000;

	/**
	 * Highest rate, per second, a property may set.
	 */
	public static final int MAX_RATE = 1_000_000;

	/**
	 * Most connections or calls in flight a property may allow.
	 */
	public static final int MAX_CONNECTIONS = 100_000;

	private PropertyChecks() {
	}

	/**
	 * Check a duration that must be positive and at most {@link #MAX_DURATION}.
	 * @param name the property
	 * @param value its value
	 * @return the value
	 */
	public static Duration positive(String name, Duration value) {
		return checked(name, value, Checks.positiveProblem(value));
	}

	/**
	 * Check a duration that may be zero and is at most {@link #MAX_DURATION}.
	 * @param name the property
	 * @param value its value
	 * @return the value
	 */
	public static Duration notNegative(String name, Duration value) {
		return checked(name, value, Checks.notNegativeProblem(value));
	}

	private static Duration checked(String name, Duration value, String problem) {
		if (problem != null) {
			throw new InvalidConfigurationPropertyValueException(name, value, problem);
		}
		return value;
	}

	/**
	 * Check a number with a lower bound.
	 * @param name the property
	 * @param value its value
	 * @param min the smallest allowed value
	 * @return the value
	 */
	public static int atLeast(String name, int value, int min) {
		if (value < min) {
			throw new InvalidConfigurationPropertyValueException(name, value, "must be at least " + min);
		}
		return value;
	}

	/**
	 * Check a number within bounds.
	 * @param name the property
	 * @param value its value
	 * @param min the smallest allowed value
	 * @param max the largest allowed value
	 * @return the value
	 */
	public static int between(String name, int value, int min, int max) {
		if (value < min || value > max) {
			throw new InvalidConfigurationPropertyValueException(name, value, "must be between " + min + " and " + max);
		}
		return value;
	}

	/**
	 * Check a number within bounds ({@code NaN} is never within).
	 * @param name the property
	 * @param value its value
	 * @param min the smallest allowed value
	 * @param max the largest allowed value
	 * @return the value
	 */
	public static double between(String name, double value, double min, double max) {
		if (!(value >= min && value <= max)) {
			throw new InvalidConfigurationPropertyValueException(name, value, "must be between " + min + " and " + max);
		}
		return value;
	}

	/**
	 * Check a number that must be greater than zero and at most {@code max}.
	 * @param name the property
	 * @param value its value
	 * @param max the largest allowed value
	 * @return the value
	 */
	public static double aboveZero(String name, double value, double max) {
		if (!(value > 0 && value <= max)) {
			throw new InvalidConfigurationPropertyValueException(name, value,
					"must be greater than 0 and at most " + max);
		}
		return value;
	}

	/**
	 * Check a failure rate threshold: greater than zero and at most one.
	 * @param name the property
	 * @param value its value
	 * @return the value
	 */
	public static double fraction(String name, double value) {
		if (!(value > 0 && value <= 1)) {
			throw new InvalidConfigurationPropertyValueException(name, value, "must be greater than 0 and at most 1");
		}
		return value;
	}

	/**
	 * Check a rate of requests per second, greater than zero and at most
	 * {@link #MAX_RATE}.
	 * @param name the property
	 * @param value its value
	 * @return the value
	 */
	public static double rate(String name, double value) {
		if (!(value > 0 && value <= MAX_RATE)) {
			throw new InvalidConfigurationPropertyValueException(name, value,
					"must be greater than 0 and at most " + MAX_RATE + " (unset for no limit)");
		}
		return value;
	}

	/**
	 * Check a model list: no blank id, no id twice.
	 * @param name the property
	 * @param models its value
	 * @return an unmodifiable copy of the list
	 */
	public static List<String> models(String name, List<String> models) {
		Set<String> seen = new HashSet<>();
		for (String model : models) {
			if (model == null || model.isBlank()) {
				throw new InvalidConfigurationPropertyValueException(name, models, "model ids must not be blank");
			}
			if (!seen.add(model)) {
				throw new InvalidConfigurationPropertyValueException(name, models, "names '" + model
						+ "' more than once; each model is tried once, with its own retries, so list it once");
			}
		}
		return List.copyOf(models);
	}

}
