package com.cometapi.ai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;
import org.springframework.util.Assert;

import com.cometapi.client.CometClient;
import com.cometapi.client.CometOperations;
import com.cometapi.client.wire.CallResult;

/**
 * CometAPI as a Spring AI {@link EmbeddingModel}, through a {@link CometOperations}: the
 * template's limits, retry and observation apply; embeddings never fall back to another
 * model (vectors of different models cannot be compared). The request's options may name
 * the model and the dimensions; the default model is the one given to the builder.
 *
 * @author CometAPI team
 */
public final class CometEmbeddingModel implements EmbeddingModel {

	/**
	 * The default embedding model.
	 */
	public static final String DEFAULT_MODEL = "text-embedding-3-small";

	private final CometOperations operations;

	private final String model;

	private final Integer dimensions;

	/**
	 * Create an embedding model with the given default model.
	 * @param operations the CometAPI client, normally the {@code CometTemplate} bean
	 * @param model the default model
	 * @param dimensions the default dimensions, or {@code null} for the model's
	 */
	public CometEmbeddingModel(CometOperations operations, String model, Integer dimensions) {
		Assert.notNull(operations, "operations must not be null");
		Assert.hasText(model, "model must not be empty");
		this.operations = operations;
		this.model = model;
		this.dimensions = dimensions;
	}

	@Override
	public EmbeddingResponse call(EmbeddingRequest request) {
		Assert.notNull(request, "request must not be null");
		EmbeddingOptions options = request.getOptions();
		String model = (options != null && options.getModel() != null) ? options.getModel() : this.model;
		Integer dimensions = (options != null && options.getDimensions() != null) ? options.getDimensions()
				: this.dimensions;
		com.cometapi.client.wire.EmbeddingResponse answer = CometClient.of(this.operations)
			.embeddings(com.cometapi.client.wire.EmbeddingRequest.builder()
				.model(model)
				.input(request.getInstructions())
				.dimensions(dimensions)
				.build());
		Assert.state(answer != null, "CometAPI answered nothing");
		List<Embedding> embeddings = new ArrayList<>(answer.data().size());
		for (int i = 0; i < answer.data().size(); i++) {
			com.cometapi.client.wire.EmbeddingResponse.Embedding item = answer.data().get(i);
			embeddings.add(new Embedding(toFloats(item.embedding()), (item.index() != null) ? item.index() : i));
		}
		CallResult result = answer.callResult();
		Map<String, Object> values = new LinkedHashMap<>();
		if (result != null) {
			values.put(CometMetadata.CALL_RESULT, result);
			putIfPresent(values, CometMetadata.SERVED_MODEL, result.servedModel());
			putIfPresent(values, CometMetadata.REQUEST_ID, result.requestId());
			values.put(CometMetadata.ATTEMPTS, result.attempts());
			putIfPresent(values, CometMetadata.ESTIMATED_COST, result.estimatedCost());
		}
		EmbeddingResponseMetadata metadata = new EmbeddingResponseMetadata(
				(result != null) ? result.servedModel() : answer.model(),
				(answer.usage() != null) ? CometResponseMapper.toUsage(answer.usage()) : new EmptyUsage(), values);
		return new EmbeddingResponse(embeddings, metadata);
	}

	@Override
	public float[] embed(Document document) {
		Assert.notNull(document, "document must not be null");
		return embed(document.getText());
	}

	private static void putIfPresent(Map<String, Object> values, String key, Object value) {
		if (value != null) {
			values.put(key, value);
		}
	}

	private static float[] toFloats(List<Double> values) {
		float[] floats = new float[(values != null) ? values.size() : 0];
		for (int i = 0; i < floats.length; i++) {
			floats[i] = values.get(i).floatValue();
		}
		return floats;
	}

	@Override
	public String toString() {
		return "CometEmbeddingModel[model=" + this.model + "]";
	}

}
