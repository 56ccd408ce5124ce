package com.cometapi.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link MissingCometApiKeyException}: which property and which environment
 * variable to set.
 *
 * @author CometAPI team
 */
class MissingCometApiKeyFailureAnalyzer extends AbstractFailureAnalyzer<MissingCometApiKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingCometApiKeyException cause) {
		return new FailureAnalysis(
				"The CometAPI client has no API key, so every call to " + cause.getBaseUrl() + " would be refused.",
				"Set the COMETAPI_KEY environment variable (the name CometAPI's docs use), or the property "
						+ "cometapi.api-key (for example from a secret store). For tests, point cometapi.base-url "
						+ "at a loopback mock such as CometApiMockServer, where no key is needed.",
				cause);
	}

}
