package com.cometapi.client.wire;

import com.cometapi.client.error.CometApiException;

/**
 * A model the call left for the next one: it failed, or it was skipped without a request
 * because it was cooling down.
 *
 * @param model the model
 * @param attempts the HTTP attempts made on it; {@code 0} when it was skipped
 * @param failure its last failure: status, error code and request id say why it was left;
 * for a skipped model, a {@link com.cometapi.client.error.CometModelUnavailableException}
 * that says so
 * @author CometAPI team
 */
public record FailedModel(String model, int attempts, CometApiException failure) {

	/**
	 * Whether the model was skipped without a request because it was cooling down.
	 * @return {@code true} when no attempt was made on it
	 */
	public boolean skipped() {
		return this.attempts == 0;
	}

	/**
	 * Return a short reason, such as {@code 503 model_not_found},
	 * {@code CometTimeoutException}, or {@code cooldown} for a skipped model.
	 * @return the reason
	 */
	public String reason() {
		if (skipped()) {
			return "cooldown";
		}
		if (this.failure.getStatus() == 0) {
			return this.failure.getClass().getSimpleName();
		}
		String code = (this.failure.getErrorCode() != null) ? this.failure.getErrorCode() : this.failure.getErrorType();
		return this.failure.getStatus() + ((code != null) ? " " + code : "");
	}

}
