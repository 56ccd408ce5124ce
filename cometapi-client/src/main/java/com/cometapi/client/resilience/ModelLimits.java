package com.cometapi.client.resilience;

/**
 * Limits of one model that replace the {@link ConcurrencySettings} defaults; a
 * {@code null} value keeps the default.
 *
 * @param maxInFlight most requests in flight to the model, or {@code null}
 * @param maxQueued most calls waiting for a permit of the model, or {@code null}
 * @param requestsPerSecond requests per second allowed to the model ({@code 0} = no rate
 * limit), or {@code null}
 * @author CometAPI team
 */
public record ModelLimits(Integer maxInFlight, Integer maxQueued, Double requestsPerSecond) {

}
