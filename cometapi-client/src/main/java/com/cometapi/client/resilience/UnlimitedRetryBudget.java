package com.cometapi.client.resilience;

/**
 * A {@link RetryBudget} that never refuses a retry.
 *
 * @author CometAPI team
 */
final class UnlimitedRetryBudget implements RetryBudget {

	static final UnlimitedRetryBudget INSTANCE = new UnlimitedRetryBudget();

	private UnlimitedRetryBudget() {
	}

	@Override
	public void recordCall() {
	}

	@Override
	public boolean tryAcquireRetry() {
		return true;
	}

	@Override
	public long remaining() {
		return Long.MAX_VALUE;
	}

}
