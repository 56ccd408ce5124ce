package com.cometapi.client.resilience;

/**
 * The state a template's calls keep about models and share: the limiter they wait on, the
 * cooldowns of failing models, the retry budget and the keys models are known by. What
 * health, state meters and the actuator endpoint read, without reaching the call pipeline
 * itself.
 *
 * @author CometAPI team
 */
public interface ModelStateView {

	/**
	 * Return the limiter calls wait on.
	 * @return the limiter
	 */
	CometLimiter getLimiter();

	/**
	 * Return the cooldowns of failing models.
	 * @return the cooldowns
	 */
	ModelCooldown getCooldown();

	/**
	 * Return the retry budget shared by the calls.
	 * @return the budget
	 */
	RetryBudget getRetryBudget();

	/**
	 * Return the keys the limiter, cooldowns and observations know models by.
	 * @return the model keys
	 */
	ModelKeys getModelKeys();

}
