/**
 * Micrometer observations of CometAPI calls and attempts: the
 * {@link com.cometapi.client.observation.ObservationCallListener} that makes them from
 * what the call pipeline reports, their contexts, conventions and documentation.
 */
package com.cometapi.client.observation;
