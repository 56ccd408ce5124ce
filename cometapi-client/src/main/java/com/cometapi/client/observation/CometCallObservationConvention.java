package com.cometapi.client.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The convention of a call's observation; implement it, or extend
 * {@link DefaultCometCallObservationConvention}, to change its name or keys.
 *
 * @author CometAPI team
 */
public interface CometCallObservationConvention extends ObservationConvention<CometCallContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof CometCallContext;
	}

}
