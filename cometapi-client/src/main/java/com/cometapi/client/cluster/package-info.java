/**
 * Limits shared by all instances of an application through Redis: a cluster-wide request
 * rate in front of the local limiter, and a cluster-wide retry budget. Needs
 * lettuce-core, an optional dependency.
 */
package com.cometapi.client.cluster;
