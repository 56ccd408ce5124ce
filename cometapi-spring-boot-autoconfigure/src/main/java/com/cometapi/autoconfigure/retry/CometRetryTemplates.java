package com.cometapi.autoconfigure.retry;

import org.springframework.retry.support.RetryTemplate;

import com.cometapi.client.error.CometErrorClassifier;
import com.cometapi.client.resilience.RetrySettings;

/**
 * Builds a spring-retry {@link RetryTemplate} with CometAPI's decision table and backoff,
 * for blocking calls to CometAPI endpoints that {@code CometTemplate} does not cover. Do
 * not wrap {@code CometTemplate} calls in it: they are retried already, and the policy
 * refuses to retry their exceptions.
 *
 * @author CometAPI team
 */
public final class CometRetryTemplates {

	private CometRetryTemplates() {
	}

	/**
	 * Create a retry template.
	 * @param settings attempts and backoff
	 * @param classifier the decision table
	 * @return the retry template
	 */
	public static RetryTemplate create(RetrySettings settings, CometErrorClassifier classifier) {
		RetryTemplate template = new RetryTemplate();
		template.setRetryPolicy(new CometRetryPolicy(settings, classifier));
		template.setBackOffPolicy(new CometBackOffPolicy(settings));
		return template;
	}

}
