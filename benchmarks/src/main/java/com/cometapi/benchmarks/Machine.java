package com.cometapi.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Describes where and when a benchmark ran: date, cores, JVM, operating system and load
 * average, so that every result file says what its numbers are worth.
 *
 * @author CometAPI team
 */
final class Machine {

	private Machine() {
	}

	/**
	 * Return one markdown sentence describing this machine now.
	 * @return the description
	 */
	static String describe() {
		Runtime runtime = Runtime.getRuntime();
		return String.format(Locale.ROOT,
				"Run on %s, %d cores, %d MB max heap, Java %s (%s), %s %s, load average %.1f when written.",
				LocalDate.now(), runtime.availableProcessors(), runtime.maxMemory() / (1024 * 1024),
				System.getProperty("java.version"), System.getProperty("java.vm.name"), System.getProperty("os.name"),
				System.getProperty("os.arch"), loadAverage());
	}

	/**
	 * Return the system load average of the last minute.
	 * @return the load average, or a negative number when unknown
	 */
	static double loadAverage() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

}
