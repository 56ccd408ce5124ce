package com.cometapi.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;

/**
 * Bytes allocated so far by every live thread except the mock server's event loops
 * ({@code comet-mock-*}): the client side of an in-process benchmark.
 *
 * @author CometAPI team
 */
final class ClientAllocation {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private ClientAllocation() {
	}

	/**
	 * Return the bytes allocated by the client-side threads since they started.
	 * @return the bytes
	 */
	static long bytes() {
		long[] ids = THREADS.getAllThreadIds();
		ThreadInfo[] infos = THREADS.getThreadInfo(ids);
		long[] allocated = THREADS.getThreadAllocatedBytes(ids);
		long total = 0;
		for (int i = 0; i < ids.length; i++) {
			if (infos[i] != null && allocated[i] > 0 && !infos[i].getThreadName().startsWith("comet-mock")) {
				total += allocated[i];
			}
		}
		return total;
	}

}
