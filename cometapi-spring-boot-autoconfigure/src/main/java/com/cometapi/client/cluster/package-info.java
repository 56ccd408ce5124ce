/**
 * Limits shared by all instances of an application through Redis: a cluster-wide request
 * rate in front of the local limiter, and a cluster-wide retry budget. Needs lettuce-core
 * and bucket4j_jdk17-lettuce, both optional.
 */
package com.cometapi.client.cluster;
