package com.cometapi.client.observation;

import java.util.StringJoiner;

import com.cometapi.client.ChatCompletion;
import com.cometapi.client.Choice;
import com.cometapi.client.Usage;
import com.cometapi.client.observation.CometObservationDocumentation.CallHighCardinalityKeys;
import com.cometapi.client.observation.CometObservationDocumentation.CallKeys;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default convention of a call's observation: named {@code gen_ai.client.operation}
 * like Spring AI's, with OpenTelemetry's GenAI keys and ours.
 *
 * @author CometAPI team
 */
public class DefaultCometCallObservationConvention implements CometCallObservationConvention {

	/**
	 * The observation's name.
	 */
	public static final String NAME = "gen_ai.client.operation";

	private static final KeyValue PROVIDER = KeyValue.of(CallKeys.PROVIDER_NAME, "cometapi");

	private static final String NONE = "none";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(CometCallContext context) {
		return context.getOperation() + " " + context.getRequestedModel();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(CometCallContext context) {
		KeyValues values = KeyValues.of(KeyValue.of(CallKeys.OPERATION_NAME, context.getOperation()), PROVIDER,
				KeyValue.of(CallKeys.REQUEST_MODEL, orNone(context.getRequestedModel())),
				KeyValue.of(CallKeys.RESPONSE_MODEL, orNone(context.getServedModel())),
				KeyValue.of(CallKeys.ERROR_TYPE,
						(context.getError() != null) ? context.getError().getClass().getSimpleName() : NONE),
				KeyValue.of(CallKeys.ROUTE, (context.getRoute() != null) ? context.getRoute() : "default"),
				KeyValue.of(CallKeys.OUTCOME,
						(context.getOutcome() != null) ? context.getOutcome().tagValue() : "unknown"));
		if (context.getServerAddress() != null) {
			values = values.and(KeyValue.of(CallKeys.SERVER_ADDRESS, context.getServerAddress()),
					KeyValue.of(CallKeys.SERVER_PORT, String.valueOf(context.getServerPort())));
		}
		return values;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(CometCallContext context) {
		KeyValues values = KeyValues
			.of(KeyValue.of(CallHighCardinalityKeys.ATTEMPTS, String.valueOf(context.getAttempts())));
		if (context.getRequestId() != null) {
			values = values.and(KeyValue.of(CallHighCardinalityKeys.REQUEST_ID, context.getRequestId()));
		}
		Usage usage = context.getUsage();
		if (usage != null && usage.promptTokens() != null) {
			values = values.and(KeyValue.of(CallHighCardinalityKeys.INPUT_TOKENS, usage.promptTokens().toString()));
		}
		if (usage != null && usage.completionTokens() != null) {
			values = values
				.and(KeyValue.of(CallHighCardinalityKeys.OUTPUT_TOKENS, usage.completionTokens().toString()));
		}
		if (context.getResponse() instanceof ChatCompletion completion) {
			values = withResponse(values, completion);
		}
		return values;
	}

	private static KeyValues withResponse(KeyValues values, ChatCompletion completion) {
		if (completion.id() != null) {
			values = values.and(KeyValue.of(CallHighCardinalityKeys.RESPONSE_ID, completion.id()));
		}
		StringJoiner reasons = new StringJoiner(",");
		for (Choice choice : completion.choices()) {
			if (choice.finishReason() != null) {
				reasons.add(choice.finishReason());
			}
		}
		return (reasons.length() > 0)
				? values.and(KeyValue.of(CallHighCardinalityKeys.FINISH_REASONS, reasons.toString())) : values;
	}

	private static String orNone(String value) {
		return (value != null) ? value : NONE;
	}

}
