/**
 * CometAPI's decision table and backoff as a spring-retry policy pair, for blocking code
 * that calls CometAPI endpoints outside {@code CometTemplate}.
 */
package com.cometapi.autoconfigure.retry;
