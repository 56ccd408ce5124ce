package com.cometapi.autoconfigure.retry;

import java.io.IOException;
import java.net.SocketTimeoutException;

import org.springframework.http.HttpHeaders;
import org.springframework.retry.RetryContext;
import org.springframework.retry.RetryPolicy;
import org.springframework.retry.context.RetryContextSupport;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import com.cometapi.client.error.CometApiException;
import com.cometapi.client.error.CometErrorClassifier;
import com.cometapi.client.error.CometErrorDecision;
import com.cometapi.client.error.CometExceptionFactory;
import com.cometapi.client.error.CometFailureKind;
import com.cometapi.client.resilience.RetrySettings;

/**
 * A spring-retry {@link RetryPolicy} that retries what CometAPI's decision table says to
 * retry, for blocking code that calls CometAPI endpoints {@code CometTemplate} does not
 * cover (with {@code RestClient} or {@code WebClient}) under a {@code RetryTemplate}.
 * <p>
 * It classifies {@link RestClientResponseException} and
 * {@link WebClientResponseException} by status and body, retries timeouts and broken
 * connections, and never retries a {@link CometApiException}: those come out of a
 * {@code CometTemplate} whose own pipeline has already retried them, and a second layer
 * would multiply the requests.
 *
 * @author CometAPI team
 * @see CometBackOffPolicy
 */
public class CometRetryPolicy implements RetryPolicy {

	private final int maxAttempts;

	private final CometExceptionFactory exceptionFactory;

	/**
	 * Create a policy.
	 * @param settings the attempts to make, the first included
	 * @param classifier the decision table
	 */
	public CometRetryPolicy(RetrySettings settings, CometErrorClassifier classifier) {
		this.maxAttempts = settings.maxAttempts();
		this.exceptionFactory = new CometExceptionFactory(classifier);
	}

	@Override
	public boolean canRetry(RetryContext context) {
		Throwable last = context.getLastThrowable();
		return last == null || (context.getRetryCount() < this.maxAttempts && isRetryable(last));
	}

	/**
	 * Whether the decision table says the failure may be retried.
	 * @param failure the failure
	 * @return {@code true} to retry
	 */
	public boolean isRetryable(Throwable failure) {
		if (failure instanceof CometApiException) {
			return false;
		}
		if (failure instanceof RestClientResponseException response) {
			return decide(response.getStatusCode().value(), response.getResponseHeaders(),
					response.getResponseBodyAsByteArray()) == CometErrorDecision.RETRY;
		}
		if (failure instanceof WebClientResponseException response) {
			return decide(response.getStatusCode().value(), response.getHeaders(),
					response.getResponseBodyAsByteArray()) == CometErrorDecision.RETRY;
		}
		Throwable cause = (failure instanceof ResourceAccessException) ? failure.getCause() : failure;
		CometFailureKind kind = (cause instanceof SocketTimeoutException) ? CometFailureKind.TIMEOUT
				: (cause instanceof IOException) ? CometFailureKind.CONNECTION : null;
		return kind != null && this.exceptionFactory.noResponse(kind, "", null, cause).isRetryable();
	}

	/**
	 * Return the delay the server asked for on a failure, if any.
	 * @param failure the failure
	 * @return the delay in milliseconds, or {@code -1}
	 */
	static long retryAfterMillis(Throwable failure) {
		if (failure instanceof RestClientResponseException response) {
			return CometExceptionFactory.retryAfterMillis(response.getResponseHeaders());
		}
		if (failure instanceof WebClientResponseException response) {
			return CometExceptionFactory.retryAfterMillis(response.getHeaders());
		}
		return -1;
	}

	private CometErrorDecision decide(int status, HttpHeaders headers, byte[] body) {
		return this.exceptionFactory.fromResponse(status, headers, body, null).getDecision();
	}

	@Override
	public RetryContext open(RetryContext parent) {
		return new RetryContextSupport(parent);
	}

	@Override
	public void close(RetryContext context) {
	}

	@Override
	public void registerThrowable(RetryContext context, Throwable throwable) {
		((RetryContextSupport) context).registerThrowable(throwable);
	}

}
