package com.cometapi.autoconfigure;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
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

	static Set<String> of(MeterRegistry registry) {
		Set<String> lines = new TreeSet<>();
		for (Meter meter : registry.getMeters()) {
			lines.add(line(meter));
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
