/**
 * Auto-configuration of the limits shared by all instances through Redis
 * ({@code cometapi.cluster.*}).
 */
package com.cometapi.autoconfigure.cluster;
