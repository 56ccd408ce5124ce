package com.cometapi.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;

/**
 * CPU time used so far: by the whole process, and by every live thread except the mock
 * server's event loops ({@code comet-mock-*}), the client side of an in-process
 * benchmark. CPU time counts only the time a thread ran, so it moves much less than wall
 * time when other processes share the cores.
 *
 * @author CometAPI team
 */
final class ClientCpu {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private static final com.sun.management.OperatingSystemMXBean SYSTEM = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private ClientCpu() {
	}

	/**
	 * Return the CPU time of the whole process (every thread, the JIT and GC included).
	 * @return nanoseconds
	 */
	static long processNanos() {
		return SYSTEM.getProcessCpuTime();
	}

	/**
	 * Return the CPU time of the live client-side threads since they started. Threads
	 * that ended meanwhile take their time with them, so compare two readings of threads
	 * that outlive the run (Reactor Netty's and Reactor's pools do).
	 * @return nanoseconds
	 */
	static long clientNanos() {
		long[] ids = THREADS.getAllThreadIds();
		ThreadInfo[] infos = THREADS.getThreadInfo(ids);
		long total = 0;
		for (int i = 0; i < ids.length; i++) {
			if (infos[i] != null && !infos[i].getThreadName().startsWith("comet-mock")) {
				long nanos = THREADS.getThreadCpuTime(ids[i]);
				if (nanos > 0) {
					total += nanos;
				}
			}
		}
		return total;
	}

}
