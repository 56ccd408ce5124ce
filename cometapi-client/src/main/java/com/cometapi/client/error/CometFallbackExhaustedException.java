package com.cometapi.client.error;

import java.util.List;

/**
 * Every model of the fallback list failed. The last failure of each model is attached as
 * a suppressed exception, in the order the models were tried, so the whole story is in
 * one stack trace.
 *
 * @author CometAPI team
 */
public class CometFallbackExhaustedException extends CometTransientException {

	private final List<CometApiException> failures;

	/**
	 * Create a new instance.
	 * @param failures the last failure of each model tried, in order; not empty
	 */
	public CometFallbackExhaustedException(List<CometApiException> failures) {
		super(describe(failures), last(failures).getError(), CometErrorDecision.FAIL, last(failures));
		this.failures = List.copyOf(failures);
		this.failures.forEach(this::addSuppressed);
	}

	/**
	 * Return the last failure of each model tried, in order.
	 * @return the failures
	 */
	public List<CometApiException> getFailures() {
		return this.failures;
	}

	/**
	 * Return the models tried, in order.
	 * @return the model ids
	 */
	public List<String> getModelsTried() {
		return this.failures.stream().map(CometApiException::getModel).toList();
	}

	private static CometApiException last(List<CometApiException> failures) {
		if (failures.isEmpty()) {
			throw new IllegalArgumentException("failures must not be empty");
		}
		return failures.get(failures.size() - 1);
	}

	private static String describe(List<CometApiException> failures) {
		StringBuilder message = new StringBuilder("All configured model fallbacks failed:");
		for (CometApiException failure : failures) {
			message.append(" [").append(failure.getModel()).append(": ");
			message.append((failure.getStatus() != 0) ? String.valueOf(failure.getStatus()) : "no response");
			message.append(' ').append(failure.getClass().getSimpleName());
			if (failure.getRequestId() != null) {
				message.append(", request id ").append(failure.getRequestId());
			}
			message.append(']');
		}
		return message.toString();
	}

}
