package com.cometapi.client.observation;

import java.util.ArrayList;
import java.util.List;

import com.cometapi.client.observation.CometObservationDocumentation.CallHighCardinalityKeys;
import com.cometapi.client.observation.CometObservationDocumentation.CallKeys;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default convention of a call's observation: named {@code gen_ai.client.operation}
 * like Spring AI's, with OpenTelemetry's GenAI keys and ours. The request's parameters,
 * the answer's id and finish reasons, token counts and the request id are
 * high-cardinality key values (span attributes, never meter tags), each only when the
 * request or the answer has it, and bounded: text a user or the server chose is cut, and
 * a negative token count a server sends is left out.
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

	private static final int MAX_STOP_SEQUENCES = 4;

	private static final int MAX_STOP_SEQUENCE_LENGTH = 64;

	private static final int MAX_ENCODING_FORMAT_LENGTH = 32;

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
		List<KeyValue> values = new ArrayList<>(16);
		values.add(KeyValue.of(CallHighCardinalityKeys.ATTEMPTS, String.valueOf(context.getAttempts())));
		if (context.getRequestId() != null) {
			values.add(KeyValue.of(CallHighCardinalityKeys.REQUEST_ID, context.getRequestId()));
		}
		CometTokenUsage usage = context.getUsage();
		if (usage != null) {
			addTokens(values, CallHighCardinalityKeys.INPUT_TOKENS, usage.promptTokens());
			addTokens(values, CallHighCardinalityKeys.OUTPUT_TOKENS, usage.completionTokens());
		}
		Object request = context.getRequest();
		if (request instanceof CometChatParameters chat) {
			addParameters(values, chat);
		}
		else if (request instanceof CometEmbeddingParameters embedding) {
			addParameters(values, embedding);
		}
		Object response = context.getResponse();
		if (response instanceof CometAnswer answer) {
			addResponse(values, answer.id(), answer.finishReasons());
		}
		return KeyValues.of(values);
	}

	private static void addParameters(List<KeyValue> values, CometChatParameters request) {
		add(values, CallHighCardinalityKeys.REQUEST_TEMPERATURE, request.temperature());
		add(values, CallHighCardinalityKeys.REQUEST_MAX_TOKENS,
				(request.maxCompletionTokens() != null) ? request.maxCompletionTokens() : request.maxTokens());
		add(values, CallHighCardinalityKeys.REQUEST_TOP_P, request.topP());
		add(values, CallHighCardinalityKeys.REQUEST_FREQUENCY_PENALTY, request.frequencyPenalty());
		add(values, CallHighCardinalityKeys.REQUEST_PRESENCE_PENALTY, request.presencePenalty());
		if (request.stop() != null && !request.stop().isEmpty()) {
			values.add(KeyValue.of(CallHighCardinalityKeys.REQUEST_STOP_SEQUENCES,
					SpanText.jsonArray(request.stop(), MAX_STOP_SEQUENCES, MAX_STOP_SEQUENCE_LENGTH)));
		}
		add(values, CallHighCardinalityKeys.REQUEST_SEED, request.seed());
		if (request.n() != null && request.n() != 1) {
			add(values, CallHighCardinalityKeys.REQUEST_CHOICE_COUNT, request.n());
		}
	}

	private static void addParameters(List<KeyValue> values, CometEmbeddingParameters request) {
		if (request.encodingFormat() != null) {
			values.add(KeyValue.of(CallHighCardinalityKeys.REQUEST_ENCODING_FORMATS,
					SpanText.cut(request.encodingFormat(), MAX_ENCODING_FORMAT_LENGTH)));
		}
		add(values, CallHighCardinalityKeys.EMBEDDINGS_DIMENSION_COUNT, request.dimensions());
	}

	private static void addTokens(List<KeyValue> values, CallHighCardinalityKeys key, Integer tokens) {
		if (tokens != null && tokens >= 0) {
			values.add(KeyValue.of(key, tokens.toString()));
		}
	}

	private static void add(List<KeyValue> values, CallHighCardinalityKeys key, Number value) {
		if (value != null) {
			values.add(KeyValue.of(key, value.toString()));
		}
	}

	private static void addResponse(List<KeyValue> values, String id, List<String> finishReasons) {
		if (id != null) {
			values.add(KeyValue.of(CallHighCardinalityKeys.RESPONSE_ID,
					SpanText.cut(id, CometStreamedResponse.MAX_ID_LENGTH)));
		}
		if (!finishReasons.isEmpty()) {
			values.add(KeyValue.of(CallHighCardinalityKeys.FINISH_REASONS, SpanText.joined(finishReasons,
					CometStreamedResponse.MAX_FINISH_REASONS, CometStreamedResponse.MAX_FINISH_REASON_LENGTH)));
		}
	}

	private static String orNone(String value) {
		return (value != null) ? value : NONE;
	}

}
