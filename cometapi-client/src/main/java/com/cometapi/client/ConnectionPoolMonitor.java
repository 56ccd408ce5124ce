package com.cometapi.client;

import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

/**
 * Keeps the {@link ConnectionPoolMetrics} Reactor Netty hands over for each pool of a
 * template's {@link ConnectionProvider}, so that {@link CometTemplate} can report
 * {@link ConnectionPoolStats} without Micrometer. Reading the stats asks each pool for
 * its sizes; nothing is recorded per request.
 *
 * @author CometAPI team
 */
final class ConnectionPoolMonitor implements ConnectionProvider.MeterRegistrar {

	private final Map<String, ConnectionPoolMetrics> pools = new ConcurrentHashMap<>();

	@Override
	public void registerMetrics(String poolName, String id, SocketAddress remoteAddress,
			ConnectionPoolMetrics metrics) {
		this.pools.put(key(id, remoteAddress), metrics);
	}

	@Override
	public void deRegisterMetrics(String poolName, String id, SocketAddress remoteAddress) {
		this.pools.remove(key(id, remoteAddress));
	}

	ConnectionPoolStats stats() {
		int acquired = 0;
		int idle = 0;
		int pending = 0;
		int allocated = 0;
		for (ConnectionPoolMetrics metrics : this.pools.values()) {
			acquired += metrics.acquiredSize();
			idle += metrics.idleSize();
			pending += metrics.pendingAcquireSize();
			allocated += metrics.allocatedSize();
		}
		return new ConnectionPoolStats(acquired, idle, pending, allocated);
	}

	private static String key(String id, SocketAddress remoteAddress) {
		return id + "|" + remoteAddress;
	}

}
