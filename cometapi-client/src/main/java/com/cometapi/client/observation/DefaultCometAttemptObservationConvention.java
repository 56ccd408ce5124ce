package com.cometapi.client.observation;

import com.cometapi.client.observation.CometObservationDocumentation.AttemptKeys;
import com.cometapi.client.observation.CometObservationDocumentation.CallHighCardinalityKeys;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default convention of an HTTP attempt's observation, named
 * {@code cometapi.client.attempt}.
 *
 * @author CometAPI team
 */
public class DefaultCometAttemptObservationConvention implements CometAttemptObservationConvention {

	/**
	 * The observation's name.
	 */
	public static final String NAME = "cometapi.client.attempt";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(CometAttemptContext context) {
		return "attempt " + context.getModel();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(CometAttemptContext context) {
		CometCallContext call = context.getCall();
		String status = (context.getFailure() != null) ? context.getFailure()
				: (context.getStatus() != 0) ? String.valueOf(context.getStatus()) : "NONE";
		return KeyValues.of(KeyValue.of(AttemptKeys.OPERATION_NAME, call.getOperation()),
				KeyValue.of(AttemptKeys.MODEL, context.getModel()),
				KeyValue.of(AttemptKeys.ROUTE, (call.getRoute() != null) ? call.getRoute() : "default"),
				KeyValue.of(AttemptKeys.STATUS, status), KeyValue.of(AttemptKeys.DECISION,
						(context.getDecision() != null) ? context.getDecision() : "cancelled"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(CometAttemptContext context) {
		return (context.getRequestId() != null)
				? KeyValues.of(KeyValue.of(CallHighCardinalityKeys.REQUEST_ID, context.getRequestId()))
				: KeyValues.empty();
	}

}
