/**
 * The CometAPI model catalog ({@code GET /api/models}, public, no key): which models
 * exist, their provider, type and features, and their prices, used to estimate the cost
 * of a call.
 */
package com.cometapi.client.catalog;
