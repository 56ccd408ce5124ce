/**
 * Auto-configuration of what an application sees of the CometAPI client
 * ({@code cometapi.observation.*}): metrics, health, the {@code cometapi} actuator
 * endpoint and the Spring application events.
 */
package com.cometapi.autoconfigure.observation;
