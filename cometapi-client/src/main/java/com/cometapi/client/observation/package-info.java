/**
 * Micrometer observations of CometAPI calls and attempts: contexts, conventions and their
 * documentation.
 */
package com.cometapi.client.observation;
