package com.cometapi.test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders the JSON bodies of a {@link CometApiMockServer} in the shapes of the real
 * service: chat completions, stream chunks, embeddings and the model list.
 */
final class MockJson {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final long MODELS_CREATED = 1_715_367_049L;

	private final AtomicLong completionCounter = new AtomicLong();

	/**
	 * Render a non-streamed chat completion.
	 */
	String chatCompletion(MockResponse mock, String model) {
		ObjectNode root = MAPPER.createObjectNode();
		root.put("id", nextCompletionId());
		root.put("object", "chat.completion");
		root.put("created", Instant.now().getEpochSecond());
		root.put("model", model);
		root.put("system_fingerprint", "fp_cometmock");
		ObjectNode choice = root.putArray("choices").addObject();
		choice.put("index", 0);
		ObjectNode message = choice.putObject("message");
		message.put("role", "assistant");
		message.put("content", mock.content(model));
		message.putNull("refusal");
		choice.putNull("logprobs");
		choice.put("finish_reason", "stop");
		root.set("usage", usage(mock));
		return root.toString();
	}

	/**
	 * Render the chunks of a streamed chat completion, in order: the role, one per
	 * content delta, the finish reason and, when asked for, the usage.
	 */
	List<String> streamChunks(MockResponse mock, String model, boolean includeUsage) {
		String id = nextCompletionId();
		long created = Instant.now().getEpochSecond();
		List<String> chunks = new ArrayList<>();
		ObjectNode roleDelta = MAPPER.createObjectNode();
		roleDelta.put("role", "assistant");
		roleDelta.put("content", "");
		roleDelta.putNull("refusal");
		chunks.add(chunk(id, created, model, roleDelta, null));
		for (String delta : mock.deltas(model)) {
			ObjectNode contentDelta = MAPPER.createObjectNode();
			contentDelta.put("content", delta);
			chunks.add(chunk(id, created, model, contentDelta, null));
		}
		chunks.add(chunk(id, created, model, MAPPER.createObjectNode(), "stop"));
		if (includeUsage) {
			ObjectNode usageChunk = MAPPER.createObjectNode();
			usageChunk.put("id", id);
			usageChunk.put("object", "chat.completion.chunk");
			usageChunk.put("created", created);
			usageChunk.put("model", model);
			usageChunk.put("system_fingerprint", "fp_cometmock");
			usageChunk.putArray("choices");
			usageChunk.set("usage", usage(mock));
			chunks.add(usageChunk.toString());
		}
		return chunks;
	}

	/**
	 * Render the error a stream ends with when it is interrupted.
	 */
	static String streamError(String requestId) {
		return MockResponse.errorEnvelope("upstream stream interrupted", "comet_api_error", "", "upstream_error",
				requestId);
	}

	/**
	 * Render one 8-dimension embedding per input of the request, derived from the input.
	 */
	static String embeddings(MockResponse mock, String model, JsonNode request) {
		JsonNode input = request.path("input");
		List<String> inputs = new ArrayList<>();
		if (input.isArray() && input.size() > 0 && !input.get(0).isNumber()) {
			input.forEach((item) -> inputs.add(item.toString()));
		}
		else {
			inputs.add(input.toString());
		}
		ObjectNode root = MAPPER.createObjectNode();
		root.put("object", "list");
		ArrayNode data = root.putArray("data");
		for (int i = 0; i < inputs.size(); i++) {
			ObjectNode item = data.addObject();
			item.put("object", "embedding");
			item.put("index", i);
			ArrayNode vector = item.putArray("embedding");
			int seed = inputs.get(i).hashCode();
			for (int dim = 0; dim < 8; dim++) {
				seed = seed * 1_103_515_245 + 12_345;
				vector.add(Math.round((((seed >>> 8) & 0xFFFF) / 32768.0 - 1.0) * 1e6) / 1e6);
			}
		}
		root.put("model", model);
		ObjectNode usage = root.putObject("usage");
		usage.put("prompt_tokens", mock.promptTokens());
		usage.put("total_tokens", mock.promptTokens());
		return root.toString();
	}

	/**
	 * Render the OpenAI-style model list from the {@code data[].id} of a catalog.
	 */
	static String modelList(String catalog) {
		JsonNode data = parse(catalog).path("data");
		ObjectNode root = MAPPER.createObjectNode();
		root.put("object", "list");
		ArrayNode list = root.putArray("data");
		for (JsonNode entry : data) {
			if (entry.path("id").isTextual()) {
				ObjectNode model = list.addObject();
				model.put("id", entry.path("id").asText());
				model.put("object", "model");
				model.put("created", MODELS_CREATED);
				String provider = entry.path("provider").asText("");
				model.put("owned_by", provider.isEmpty() ? "system" : provider.toLowerCase(Locale.ROOT));
			}
		}
		return root.toString();
	}

	/**
	 * Parse a request body; a missing or broken body gives a {@link MissingNode}.
	 */
	static JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			return MissingNode.getInstance();
		}
		try {
			JsonNode node = MAPPER.readTree(body);
			return (node != null) ? node : MissingNode.getInstance();
		}
		catch (Exception ex) {
			return MissingNode.getInstance();
		}
	}

	static String randomLetters(int count) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		StringBuilder letters = new StringBuilder(count);
		for (int i = 0; i < count; i++) {
			letters.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
		}
		return letters.toString();
	}

	private String nextCompletionId() {
		return "chatcmpl-" + this.completionCounter.incrementAndGet();
	}

	private static String chunk(String id, long created, String model, ObjectNode delta, String finishReason) {
		ObjectNode chunk = MAPPER.createObjectNode();
		chunk.put("id", id);
		chunk.put("object", "chat.completion.chunk");
		chunk.put("created", created);
		chunk.put("model", model);
		chunk.put("system_fingerprint", "fp_cometmock");
		ObjectNode choice = chunk.putArray("choices").addObject();
		choice.put("index", 0);
		choice.set("delta", delta);
		choice.putNull("logprobs");
		if (finishReason != null) {
			choice.put("finish_reason", finishReason);
		}
		else {
			choice.putNull("finish_reason");
		}
		chunk.putNull("usage");
		chunk.put("obfuscation", randomLetters(4));
		return chunk.toString();
	}

	private static ObjectNode usage(MockResponse mock) {
		ObjectNode usage = MAPPER.createObjectNode();
		usage.put("prompt_tokens", mock.promptTokens());
		usage.put("completion_tokens", mock.completionTokens());
		usage.put("total_tokens", mock.promptTokens() + mock.completionTokens());
		usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
		usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
		return usage;
	}

}
