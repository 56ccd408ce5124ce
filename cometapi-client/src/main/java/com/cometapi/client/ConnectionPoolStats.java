package com.cometapi.client;

/**
 * The state of a {@link CometTemplate}'s own connection pool at one moment, summed over
 * the pools Reactor Netty keeps per remote address. A pool at rest has nothing acquired
 * and nothing pending; the connections it keeps open are idle.
 *
 * @param acquired connections in use by an exchange
 * @param idle connections open and free
 * @param pending exchanges waiting for a connection
 * @param allocated connections open, in use or idle
 * @author CometAPI team
 */
public record ConnectionPoolStats(int acquired, int idle, int pending, int allocated) {

	/**
	 * Stats of a pool that has no connection and no waiting exchange.
	 */
	public static final ConnectionPoolStats EMPTY = new ConnectionPoolStats(0, 0, 0, 0);

	/**
	 * Return whether no connection is in use and no exchange waits for one.
	 * @return whether the pool is at rest
	 */
	public boolean isAtRest() {
		return this.acquired == 0 && this.pending == 0;
	}

}
