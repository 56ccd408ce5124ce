package com.cometapi.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.springframework.beans.factory.DisposableBean;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.cluster.ClusterRateLimiter;
import com.cometapi.client.cluster.ClusterRedis;
import com.cometapi.client.cluster.ClusterRetryBudget;
import com.cometapi.client.resilience.CometLimiter;

/**
 * Puts the shared limits into a {@link CometTemplate}: wraps the local limiter (the
 * application's {@link CometLimiter} bean, or none) in a {@link ClusterRateLimiter} when
 * {@code cometapi.cluster.requests-per-second} is set, and replaces the retry budget with
 * a {@link ClusterRetryBudget} when {@code cometapi.cluster.share-retry-budget} is on.
 *
 * @author CometAPI team
 */
public class CometClusterTemplateCustomizer implements CometTemplateCustomizer, DisposableBean {

	private final ClusterRedis redis;

	private final CometApiProperties properties;

	private final Supplier<CometLimiter> localLimiter;

	private final List<ClusterRetryBudget> budgets = new CopyOnWriteArrayList<>();

	/**
	 * Create a new instance.
	 * @param redis the Redis connection of the shared limits
	 * @param properties the properties
	 * @param localLimiter the limiter of this instance, or an unlimited one
	 */
	public CometClusterTemplateCustomizer(ClusterRedis redis, CometApiProperties properties,
			Supplier<CometLimiter> localLimiter) {
		this.redis = redis;
		this.properties = properties;
		this.localLimiter = localLimiter;
	}

	@Override
	public void customize(CometTemplate.Builder builder) {
		CometApiProperties.Cluster cluster = this.properties.getCluster();
		Double rate = cluster.getRequestsPerSecond();
		if (rate != null) {
			CometApiPropertiesMapper.rate("cometapi.cluster.requests-per-second", rate);
			int burst = (cluster.getBurst() != null)
					? CometApiPropertiesMapper.atLeast("cometapi.cluster.burst", cluster.getBurst(), 1)
					: (int) Math.max(1, Math.ceil(rate / 10));
			Duration maxWait = CometApiPropertiesMapper.notNegative("cometapi.cluster.max-wait", cluster.getMaxWait());
			builder.limiter(new ClusterRateLimiter(this.redis, this.localLimiter.get(), rate, burst, maxWait));
		}
		CometApiProperties.Budget budget = this.properties.getRetry().getBudget();
		if (cluster.isShareRetryBudget() && budget.isEnabled()) {
			new CometApiPropertiesMapper(this.properties).retryBudget();
			ClusterRetryBudget shared = new ClusterRetryBudget(this.redis, budget.getRatio(),
					budget.getMinRetriesPerSecond(), budget.getWindow(), CometApiPropertiesMapper
						.positive("cometapi.cluster.budget-sync-interval", cluster.getBudgetSyncInterval()));
			this.budgets.add(shared);
			builder.retryBudget(shared);
		}
	}

	@Override
	public void destroy() {
		this.budgets.forEach(ClusterRetryBudget::close);
	}

}
