package com.cometapi.client;

import com.cometapi.client.error.CometApiException;

/**
 * A model the call left for the next one.
 *
 * @param model the model
 * @param attempts the HTTP attempts made on it
 * @param failure its last failure: status, error code and request id say why it was left
 * @author CometAPI team
 */
public record FailedModel(String model, int attempts, CometApiException failure) {

	/**
	 * Return a short reason, such as {@code 503 model_not_found} or
	 * {@code CometTimeoutException}.
	 * @return the reason
	 */
	public String reason() {
		if (this.failure.getStatus() == 0) {
			return this.failure.getClass().getSimpleName();
		}
		String code = (this.failure.getErrorCode() != null) ? this.failure.getErrorCode() : this.failure.getErrorType();
		return this.failure.getStatus() + ((code != null) ? " " + code : "");
	}

}
