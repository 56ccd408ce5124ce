package com.cometapi.client.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The convention of an HTTP attempt's observation; implement it, or extend
 * {@link DefaultCometAttemptObservationConvention}, to change its name or keys.
 *
 * @author CometAPI team
 */
public interface CometAttemptObservationConvention extends ObservationConvention<CometAttemptContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof CometAttemptContext;
	}

}
