package com.cometapi.autoconfigure.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.springframework.beans.factory.DisposableBean;

import com.cometapi.autoconfigure.CometApiProperties;
import com.cometapi.autoconfigure.CometTemplateCustomizer;
import com.cometapi.client.CometTemplate;
import com.cometapi.client.cluster.ClusterRateLimiter;
import com.cometapi.client.cluster.ClusterRedis;
import com.cometapi.client.cluster.ClusterRetryBudget;
import com.cometapi.client.resilience.CometLimiter;

/**
 * Puts the shared limits into a {@link CometTemplate}: wraps the local limiter (the
 * application's {@link CometLimiter} bean, or none) in a {@link ClusterRateLimiter} when
 * {@code cometapi.cluster.requests-per-second} is set, and replaces the retry budget with
 * a {@link ClusterRetryBudget} when {@code cometapi.cluster.share-retry-budget} is on
 * (the budget's own properties are checked by the template's mapping, which runs before
 * the customizers).
 *
 * @author CometAPI team
 */
class CometClusterTemplateCustomizer implements CometTemplateCustomizer, DisposableBean {

	private final ClusterRedis redis;

	private final CometApiProperties properties;

	private final ClusterPropertiesMapper mapper;

	private final Supplier<CometLimiter> localLimiter;

	private final List<ClusterRetryBudget> budgets = new CopyOnWriteArrayList<>();

	CometClusterTemplateCustomizer(ClusterRedis redis, CometApiProperties properties,
			Supplier<CometLimiter> localLimiter) {
		this.redis = redis;
		this.properties = properties;
		this.mapper = new ClusterPropertiesMapper(properties.getCluster());
		this.localLimiter = localLimiter;
	}

	@Override
	public void customize(CometTemplate.Builder builder) {
		ClusterPropertiesMapper.SharedRate rate = this.mapper.sharedRate();
		if (rate != null) {
			builder.limiter(new ClusterRateLimiter(this.redis, this.localLimiter.get(), rate.requestsPerSecond(),
					rate.burst(), rate.maxWait()));
		}
		CometApiProperties.Budget budget = this.properties.getRetry().getBudget();
		if (this.properties.getCluster().isShareRetryBudget() && budget.isEnabled()) {
			ClusterRetryBudget shared = new ClusterRetryBudget(this.redis, budget.getRatio(),
					budget.getMinRetriesPerSecond(), budget.getWindow(), this.mapper.budgetSyncInterval());
			this.budgets.add(shared);
			builder.retryBudget(shared);
		}
	}

	@Override
	public void destroy() {
		this.budgets.forEach(ClusterRetryBudget::close);
	}

}
