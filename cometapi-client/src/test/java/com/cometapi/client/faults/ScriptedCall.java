package com.cometapi.client.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.cometapi.client.error.CometApiException;
import com.cometapi.client.error.CometFallbackExhaustedException;

/**
 * One call of the suite: its own models (named after the call, so that no other call's
 * requests reach them) each with the answers scripted for its attempts, and what the
 * decision table expects of it: the requests each model sees and how the call ends.
 *
 * @param index the call's number in its scenario
 * @param stream whether the call streams
 * @param scripts the answers of each model, in fallback order
 */
record ScriptedCall(int index, boolean stream, Map<String, List<Fault>> scripts) {

	List<String> models() {
		return List.copyOf(this.scripts.keySet());
	}

	/**
	 * Walk the scripts as the decision table says: the requests each model must see and
	 * the exception the call must end with ({@code null} for a success).
	 * @param maxAttempts attempts per model
	 * @return the expectation
	 */
	Expectation expect(int maxAttempts) {
		Map<String, Integer> requests = new LinkedHashMap<>();
		this.scripts.keySet().forEach((model) -> requests.put(model, 0));
		List<Fault> failures = new ArrayList<>();
		for (Map.Entry<String, List<Fault>> entry : this.scripts.entrySet()) {
			int attempts = 0;
			for (Fault fault : entry.getValue()) {
				attempts++;
				requests.put(entry.getKey(), attempts);
				Fault.Effect effect = fault.effect();
				if (effect == Fault.Effect.SUCCESS) {
					return new Expectation(requests, null);
				}
				if (effect == Fault.Effect.FAIL || effect == Fault.Effect.BROKEN) {
					return new Expectation(requests, fault.exception());
				}
				boolean retry = (effect == Fault.Effect.RETRY && attempts < maxAttempts)
						|| (effect == Fault.Effect.RETRY_ONCE && attempts < Math.min(2, maxAttempts));
				if (!retry) {
					failures.add(fault);
					break;
				}
			}
		}
		return new Expectation(requests,
				(failures.size() == 1) ? failures.get(0).exception() : CometFallbackExhaustedException.class);
	}

	/**
	 * What the decision table expects of a call.
	 *
	 * @param requests the requests each model must see
	 * @param failure the exception the call must end with, {@code null} for a success
	 */
	record Expectation(Map<String, Integer> requests, Class<? extends CometApiException> failure) {

	}

}
