/**
 * The narrow listener interface the call pipeline reports to: a call started, its
 * attempts, retries, fallbacks, first chunk and end, as plain values. Observation
 * attaches here; a template with no listener runs none of it.
 */
package com.cometapi.client.listener;
