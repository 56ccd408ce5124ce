package com.cometapi.client.observation;

import java.math.BigDecimal;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;

/**
 * The observation context of one {@code CometTemplate} call, across all its attempts and
 * models. A {@link SenderContext} of {@link Kind#CLIENT} kind, so that a tracer makes its
 * span a client span, as OpenTelemetry's GenAI conventions ask; it carries no headers
 * (the HTTP attempts below it do).
 *
 * @author CometAPI team
 */
public class CometCallContext extends SenderContext<Object> {

	private final String operation;

	private final String serverAddress;

	private final int serverPort;

	private final String route;

	private final String requestedModel;

	private volatile String servedModel;

	private volatile CometOutcome outcome;

	private volatile int attempts;

	private volatile String requestId;

	private volatile CometTokenUsage usage;

	private volatile BigDecimal estimatedCost;

	private volatile Object request;

	private volatile Object response;

	/**
	 * Create a new instance.
	 * @param operation the operation, such as {@code chat}
	 * @param route the route, or {@code null} for the default model list
	 * @param requestedModel the first model the call asks for
	 */
	public CometCallContext(String operation, String route, String requestedModel) {
		this(operation, route, requestedModel, null, -1);
	}

	/**
	 * Create a new instance for calls to a known server.
	 * @param operation the operation, such as {@code chat}
	 * @param route the route, or {@code null} for the default model list
	 * @param requestedModel the first model the call asks for
	 * @param serverAddress the host name of the API, or {@code null} when unknown
	 * @param serverPort the port of the API, or {@code -1} when unknown
	 */
	public CometCallContext(String operation, String route, String requestedModel, String serverAddress,
			int serverPort) {
		super((carrier, key, value) -> {
		}, Kind.CLIENT);
		this.operation = operation;
		this.route = route;
		this.requestedModel = requestedModel;
		this.serverAddress = serverAddress;
		this.serverPort = serverPort;
		setRemoteServiceName("cometapi");
		if (serverAddress != null) {
			setRemoteServiceAddress(serverAddress + ":" + serverPort);
		}
	}

	/**
	 * Return the host name of the API ({@code server.address}).
	 * @return the host, or {@code null} when unknown
	 */
	public String getServerAddress() {
		return this.serverAddress;
	}

	/**
	 * Return the port of the API ({@code server.port}).
	 * @return the port, or {@code -1} when unknown
	 */
	public int getServerPort() {
		return this.serverPort;
	}

	/**
	 * Return the operation, such as {@code chat} or {@code embeddings}.
	 * @return the operation
	 */
	public String getOperation() {
		return this.operation;
	}

	/**
	 * Return the route.
	 * @return the route, or {@code null} for the default model list
	 */
	public String getRoute() {
		return this.route;
	}

	/**
	 * Return the first model the call asked for.
	 * @return the model
	 */
	public String getRequestedModel() {
		return this.requestedModel;
	}

	/**
	 * Return the model that answered.
	 * @return the model, or {@code null} while none has
	 */
	public String getServedModel() {
		return this.servedModel;
	}

	/**
	 * Set the model that answered.
	 * @param servedModel the model
	 */
	public void setServedModel(String servedModel) {
		this.servedModel = servedModel;
	}

	/**
	 * Return how the call ended.
	 * @return the outcome, or {@code null} while it runs
	 */
	public CometOutcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Set how the call ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(CometOutcome outcome) {
		this.outcome = outcome;
	}

	/**
	 * Return the HTTP attempts made so far, across all models.
	 * @return the attempts
	 */
	public int getAttempts() {
		return this.attempts;
	}

	/**
	 * Set the HTTP attempts made, across all models.
	 * @param attempts the attempts
	 */
	public void setAttempts(int attempts) {
		this.attempts = attempts;
	}

	/**
	 * Return CometAPI's request id of the answer or of the last failure.
	 * @return the request id, or {@code null}
	 */
	public String getRequestId() {
		return this.requestId;
	}

	/**
	 * Set CometAPI's request id.
	 * @param requestId the request id
	 */
	public void setRequestId(String requestId) {
		this.requestId = requestId;
	}

	/**
	 * Return the token usage of the answer.
	 * @return the usage, or {@code null}
	 */
	public CometTokenUsage getUsage() {
		return this.usage;
	}

	/**
	 * Set the token usage of the answer.
	 * @param usage the usage
	 */
	public void setUsage(CometTokenUsage usage) {
		this.usage = usage;
	}

	/**
	 * Return the estimated cost of the answer in USD.
	 * @return the cost, or {@code null} when the price is unknown
	 */
	public BigDecimal getEstimatedCost() {
		return this.estimatedCost;
	}

	/**
	 * Set the estimated cost of the answer in USD.
	 * @param estimatedCost the cost, or {@code null}
	 */
	public void setEstimatedCost(BigDecimal estimatedCost) {
		this.estimatedCost = estimatedCost;
	}

	/**
	 * Return the body the call sends, for conventions that read its parameters (the
	 * default one reads a {@link CometChatParameters} (such as a {@code ChatRequest}) for
	 * its temperature, maximum tokens, top p, penalties, stop sequences, seed and choice
	 * count, and a {@link CometEmbeddingParameters} for its encoding format and
	 * dimensions).
	 * @return the body, or {@code null} when unknown
	 */
	public Object getRequest() {
		return this.request;
	}

	/**
	 * Set the body the call sends.
	 * @param request the body
	 */
	public void setRequest(Object request) {
		this.request = request;
	}

	/**
	 * Return the body of the answer, for conventions that read more of it (the default
	 * one reads a {@link CometAnswer}'s (such as a {@code ChatCompletion}'s) id and
	 * finish reasons). For a streamed chat call, what the chunks said so far: a
	 * {@link CometStreamedResponse}.
	 * @return the body, or {@code null} while none has come
	 */
	public Object getResponse() {
		return this.response;
	}

	/**
	 * Set the body of the answer.
	 * @param response the body
	 */
	public void setResponse(Object response) {
		this.response = response;
	}

}
