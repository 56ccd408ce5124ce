package com.cometapi.test;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a {@link CometApiMockServer} answers: the per-model scripts, the catch-all script,
 * the catalog and the capacity limits.
 */
final class MockScripts {

	static final String DEFAULT_CATALOG = """
			{"success":true,"page":0,"page_size":0,"total":5,"data":[\
			{"id":"gpt-4o","provider":"OpenAI","model_type":"chat","features":["vision","function_calling","json_mode","streaming"],\
			"pricing":{"currency":"USD / M Tokens","input":2.0,"output":8.0,"per_request":null,"per_second":null},\
			"api_doc_url":"https://apidoc.cometapi.com/chat-completions"},\
			{"id":"gpt-4o-mini","provider":"OpenAI","model_type":"chat","features":["vision","function_calling","json_mode","streaming"],\
			"pricing":{"currency":"USD / M Tokens","input":0.12,"output":0.48,"per_request":null,"per_second":null},\
			"api_doc_url":"https://apidoc.cometapi.com/chat-completions"},\
			{"id":"claude-sonnet-4-5","provider":"Anthropic","model_type":"chat","features":["vision","function_calling","streaming","reasoning"],\
			"pricing":{"currency":"USD / M Tokens","input":2.4,"output":12.0,"per_request":null,"per_second":null},\
			"api_doc_url":"https://apidoc.cometapi.com/chat-completions"},\
			{"id":"text-embedding-3-small","provider":"OpenAI","model_type":"embedding","features":["embedding"],\
			"pricing":{"currency":"USD / M Tokens","input":0.016,"output":null,"per_request":null,"per_second":null},\
			"api_doc_url":"https://apidoc.cometapi.com/embeddings"},\
			{"id":"gpt-image-1","provider":"OpenAI","model_type":"image","features":["image_generation"],\
			"pricing":{"currency":"USD / M Tokens","input":4.0,"output":32.0,"per_request":0.04,"per_second":null},\
			"api_doc_url":"https://apidoc.cometapi.com/images"}]}""";

	private final Map<String, ModelScript> scripts = new ConcurrentHashMap<>();

	private final ModelScript anyModel = new ModelScript(MockResponse.ok());

	private volatile String catalogOverride;

	private volatile MockCapacity capacity = new MockCapacity();

	ModelScript model(String modelId) {
		Objects.requireNonNull(modelId, "modelId");
		return this.scripts.computeIfAbsent(modelId, (id) -> new ModelScript(null));
	}

	ModelScript anyModel() {
		return this.anyModel;
	}

	/**
	 * Take the answer for a request: the model's script first, then the catch-all script,
	 * then {@link MockResponse#ok()}.
	 * @param model the requested model, or {@code null}
	 * @return the answer
	 */
	MockResponse next(String model) {
		if (model != null) {
			ModelScript script = this.scripts.get(model);
			MockResponse next = (script != null) ? script.next() : null;
			if (next != null) {
				return next;
			}
		}
		MockResponse next = this.anyModel.next();
		return (next != null) ? next : MockResponse.ok();
	}

	void catalog(String catalogJson) {
		this.catalogOverride = catalogJson;
	}

	/**
	 * Return the catalog body to serve: the override, else the default.
	 */
	String catalog() {
		String catalog = this.catalogOverride;
		return (catalog != null) ? catalog : DEFAULT_CATALOG;
	}

	void capacity(int requestsPerSecond, int maxInFlight) {
		if (requestsPerSecond < 0 || maxInFlight < 0) {
			throw new IllegalArgumentException("capacity limits must not be negative");
		}
		this.capacity.set(requestsPerSecond, maxInFlight);
	}

	void rateLimit(double requestsPerSecond, int burst, Duration retryAfter) {
		if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
			throw new IllegalArgumentException("requestsPerSecond must be positive, was " + requestsPerSecond);
		}
		if (burst < 1) {
			throw new IllegalArgumentException("burst must be at least 1, was " + burst);
		}
		if (retryAfter != null && retryAfter.isNegative()) {
			throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
		}
		long seconds = (retryAfter != null) ? (retryAfter.toMillis() + 999) / 1000 : -1;
		this.capacity.set(requestsPerSecond, burst, 0, seconds);
	}

	/**
	 * Return the capacity limits in force; a request keeps the ones it arrived under, so
	 * a request finishing after a {@link #reset()} cannot free a slot of the next test.
	 */
	MockCapacity capacity() {
		return this.capacity;
	}

	/**
	 * Clear every script, the capacity limits and the catalog override.
	 */
	void reset() {
		this.capacity = new MockCapacity();
		this.scripts.values().forEach(ModelScript::clear);
		this.anyModel.clear();
		this.catalogOverride = null;
	}

}
