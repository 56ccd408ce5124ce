package com.cometapi.autoconfigure.observation;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Matches when Spring Boot's health support of either line is present and the
 * {@code cometapi} health indicator is enabled:
 * {@code management.health.cometapi.enabled}, else
 * {@code management.health.defaults.enabled}, else {@code true}, as Spring Boot's own
 * {@code @ConditionalOnEnabledHealthIndicator} decides (whose package differs between
 * Spring Boot 3 and 4).
 *
 * @author CometAPI team
 */
class OnCometHealthIndicatorCondition extends SpringBootCondition {

	static final String BOOT_4_HEALTH_INDICATOR = "org.springframework.boot.health.contributor.HealthIndicator";

	static final String BOOT_3_HEALTH_INDICATOR = "org.springframework.boot.actuate.health.HealthIndicator";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ClassLoader classLoader = context.getClassLoader();
		if (!ClassUtils.isPresent(BOOT_4_HEALTH_INDICATOR, classLoader)
				&& !ClassUtils.isPresent(BOOT_3_HEALTH_INDICATOR, classLoader)) {
			return ConditionOutcome.noMatch("no Spring Boot health support");
		}
		Environment environment = context.getEnvironment();
		Boolean enabled = environment.getProperty("management.health.cometapi.enabled", Boolean.class);
		if (enabled == null) {
			enabled = environment.getProperty("management.health.defaults.enabled", Boolean.class, true);
		}
		return enabled ? ConditionOutcome.match("cometapi health indicator enabled")
				: ConditionOutcome.noMatch("cometapi health indicator disabled");
	}

}
