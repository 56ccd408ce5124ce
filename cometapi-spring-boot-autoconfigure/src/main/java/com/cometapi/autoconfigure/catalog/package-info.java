/**
 * Auto-configuration of CometAPI's model catalog ({@code cometapi.catalog.*}): the cached
 * catalog, cost estimates and the start-up check of the configured models.
 */
package com.cometapi.autoconfigure.catalog;
