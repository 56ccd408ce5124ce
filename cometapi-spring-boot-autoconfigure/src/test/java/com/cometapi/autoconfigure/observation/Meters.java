package com.cometapi.autoconfigure.observation;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Renders a registry's meters as sorted lines of name, tags and count, so that a test can
 * assert the exact set.
 */
final class Meters {

	private Meters() {
	}

	/**
	 * Render every meter except the bucket gauges ({@code le} tag) a simple registry adds
	 * for a histogram's service level objectives.
	 * @param registry the registry
	 * @return the sorted lines
	 */
	static Set<String> of(MeterRegistry registry) {
		Set<String> lines = new TreeSet<>();
		for (Meter meter : registry.getMeters()) {
			if (meter.getId().getTag("le") == null) {
				lines.add(line(meter));
			}
		}
		return lines;
	}

	static Set<String> names(MeterRegistry registry) {
		return registry.getMeters().stream().map((meter) -> meter.getId().getName()).collect(Collectors.toSet());
	}

	private static String line(Meter meter) {
		String tags = meter.getId()
			.getTags()
			.stream()
			.map((tag) -> tag.getKey() + "=" + tag.getValue())
			.collect(Collectors.joining(",", "{", "}"));
		return meter.getId().getName() + tags + " " + value(meter);
	}

	private static String value(Meter meter) {
		if (meter instanceof Timer timer) {
			return "count=" + timer.count();
		}
		if (meter instanceof DistributionSummary summary) {
			return "count=" + summary.count() + " sum=" + summary.totalAmount();
		}
		if (meter instanceof Counter counter) {
			return "sum=" + counter.count();
		}
		if (meter instanceof LongTaskTimer timer) {
			return "active=" + timer.activeTasks();
		}
		if (meter instanceof Gauge gauge) {
			return "value=" + gauge.value();
		}
		return meter.getClass().getSimpleName();
	}

}
