package com.cometapi.client.observation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the observation of a streamed chat call keeps of its answer, chunk by chunk: the
 * first id and model the chunks name and the finish reason of each choice, in the order
 * they come; never content. Bounded whatever the server sends: at most
 * {@value #MAX_FINISH_REASONS} finish reasons of {@value #MAX_FINISH_REASON_LENGTH}
 * characters, an id and a model of at most {@value #MAX_ID_LENGTH}. Fed by one stream, in
 * order; read by any thread.
 *
 * @author CometAPI team
 */
public final class CometStreamedResponse implements CometAnswer {

	/**
	 * Finish reasons kept.
	 */
	public static final int MAX_FINISH_REASONS = 16;

	/**
	 * Characters kept of a finish reason.
	 */
	public static final int MAX_FINISH_REASON_LENGTH = 32;

	/**
	 * Characters kept of the id and of the model.
	 */
	public static final int MAX_ID_LENGTH = 256;

	private volatile String id;

	private volatile String model;

	private volatile List<String> finishReasons = List.of();

	/**
	 * Start keeping what the chunks of a call's stream say, as the call's response.
	 * @param context the call's observation context
	 * @return what records each chunk
	 */
	public static Consumer<CometAnswer> recorder(CometCallContext context) {
		CometStreamedResponse response = new CometStreamedResponse();
		context.setResponse(response);
		return response::add;
	}

	/**
	 * Keep what a chunk says.
	 * @param chunk the next chunk
	 */
	public void add(CometAnswer chunk) {
		if (this.id == null && chunk.id() != null) {
			this.id = SpanText.cut(chunk.id(), MAX_ID_LENGTH);
		}
		if (this.model == null && chunk.model() != null) {
			this.model = SpanText.cut(chunk.model(), MAX_ID_LENGTH);
		}
		for (String finishReason : chunk.finishReasons()) {
			if (finishReason != null && this.finishReasons.size() < MAX_FINISH_REASONS) {
				List<String> reasons = new ArrayList<>(this.finishReasons);
				reasons.add(SpanText.cut(finishReason, MAX_FINISH_REASON_LENGTH));
				this.finishReasons = List.copyOf(reasons);
			}
		}
	}

	/**
	 * Return the id of the answer, from the first chunk that names one.
	 * @return the id, or {@code null} when no chunk named one
	 */
	@Override
	public String id() {
		return this.id;
	}

	/**
	 * Return the id of the answer, from the first chunk that names one.
	 * @return the id, or {@code null} when no chunk named one
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * Return the model the first chunk that names one says answers; often a dated
	 * snapshot id.
	 * @return the model, or {@code null} when no chunk named one
	 */
	@Override
	public String model() {
		return this.model;
	}

	/**
	 * Return the model the first chunk that names one says answers.
	 * @return the model, or {@code null} when no chunk named one
	 */
	public String getModel() {
		return this.model;
	}

	/**
	 * Return the finish reasons of the choices, in the order they came.
	 * @return the finish reasons, empty while none has come
	 */
	@Override
	public List<String> finishReasons() {
		return this.finishReasons;
	}

	/**
	 * Return the finish reasons of the choices, in the order they came.
	 * @return the finish reasons, empty while none has come
	 */
	public List<String> getFinishReasons() {
		return this.finishReasons;
	}

}
