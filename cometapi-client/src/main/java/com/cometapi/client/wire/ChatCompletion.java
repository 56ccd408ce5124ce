package com.cometapi.client.wire;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import com.cometapi.client.observation.CometAnswer;

/**
 * The answer of a chat completion call, plus how the client got it.
 *
 * @param id the completion id
 * @param object {@code chat.completion}
 * @param created when the answer was made, in seconds since the epoch
 * @param model the model that answered, often a dated snapshot id rather than the id the
 * request named
 * @param systemFingerprint the provider's back-end configuration, or {@code null}
 * @param choices the answers, or {@code null} when the response had none
 * @param usage the tokens the call used, or {@code null}
 * @param extras fields this type does not name, kept as read
 * @param callResult how the client got the answer (which model served it, attempts,
 * fallbacks); never on the wire, {@code null} when read from JSON
 * @author CometAPI team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletion(@JsonProperty("id") String id, @JsonProperty("object") String object,
		@JsonProperty("created") Long created, @JsonProperty("model") String model,
		@JsonProperty("system_fingerprint") String systemFingerprint, @JsonProperty("choices") List<Choice> choices,
		@JsonProperty("usage") Usage usage, @CometJson.Extras Map<String, Object> extras,
		@JsonIgnore CallResult callResult) implements CometAnswer {

	/**
	 * Create a new instance.
	 */
	public ChatCompletion {
		choices = WireCopies.list(choices);
		extras = WireCopies.extras(extras);
	}

	/**
	 * Return a copy that carries how the client got it.
	 * @param callResult the call's metadata
	 * @return the copy
	 */
	public ChatCompletion withCallResult(CallResult callResult) {
		return new ChatCompletion(this.id, this.object, this.created, this.model, this.systemFingerprint, this.choices,
				this.usage, this.extras, callResult);
	}

	/**
	 * Return the first choice.
	 * @return the first choice, or {@code null} when there is none
	 */
	public Choice firstChoice() {
		return (this.choices != null && !this.choices.isEmpty()) ? this.choices.get(0) : null;
	}

	/**
	 * Return the text of the first choice's message.
	 * @return the text, or {@code null} when there is none (for example when the model
	 * only calls tools)
	 */
	public String content() {
		Choice choice = firstChoice();
		return (choice != null && choice.message() != null) ? choice.message().text() : null;
	}

	/**
	 * Return the estimated cost of the call in USD.
	 * @return the cost, or empty when the call's metadata or the served model's price is
	 * unknown
	 */
	public Optional<BigDecimal> estimatedCost() {
		return (this.callResult != null) ? this.callResult.cost() : Optional.empty();
	}

	/**
	 * Return the finish reason of each choice that has one, in order.
	 * @return the finish reasons, empty when none
	 */
	@Override
	public List<String> finishReasons() {
		if (this.choices == null) {
			return List.of();
		}
		List<String> reasons = new ArrayList<>(this.choices.size());
		for (Choice choice : this.choices) {
			if (choice != null && choice.finishReason() != null) {
				reasons.add(choice.finishReason());
			}
		}
		return reasons;
	}

}
