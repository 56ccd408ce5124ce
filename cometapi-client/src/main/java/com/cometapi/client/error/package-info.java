/**
 * The exceptions a CometAPI call ends with, and the decision table that classifies a
 * failure.
 */
package com.cometapi.client.error;
