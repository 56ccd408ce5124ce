package com.cometapi.autoconfigure.observation;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Schedulers;

import com.cometapi.autoconfigure.CometApiAutoConfiguration;
import com.cometapi.autoconfigure.CometApiProperties;
import com.cometapi.autoconfigure.CometTemplateCustomizer;
import com.cometapi.client.CometTemplate;
import com.cometapi.client.listener.CometCallListener;
import com.cometapi.client.observation.CometFallbackEvent;
import com.cometapi.client.observation.CatalogHealthProbe;
import com.cometapi.client.observation.CometGenAiMeterObservationHandler;
import com.cometapi.client.observation.CometHealthEvaluator;
import com.cometapi.client.observation.CometMeterObservationHandler;
import com.cometapi.client.observation.CometRetryEvent;
import com.cometapi.client.observation.CometStateMeterBinder;
import com.cometapi.client.observation.CometTrafficRecorder;
import com.cometapi.client.observation.DefaultCometCallObservationConvention;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the metrics, content logging and health of the
 * {@link CometTemplate}: Micrometer counters and gauges when Micrometer is present, a
 * {@code cometapi} health indicator when Spring Boot's health support is present (the
 * {@code spring-boot-actuator} API of Spring Boot 3 or the {@code spring-boot-health} API
 * of Spring Boot 4).
 * <p>
 * The handlers are {@link ObservationHandler} beans, which Spring Boot's observation
 * auto-configuration registers on the application's {@link ObservationRegistry}. An
 * application without one still gets them: the template then observes through a registry
 * of its own holding the handler beans and, when a {@link MeterRegistry} exists,
 * Micrometer's timers.
 * <p>
 * Micrometer's {@code DefaultMeterObservationHandler} would also count every observation
 * event as {@code gen_ai.client.operation.cometapi.retry} or
 * {@code gen_ai.client.operation.cometapi.fallback}, tagged with the call's start-time
 * values; a {@link MeterFilter} bean denies those in favour of
 * {@code cometapi.client.retries} and {@code cometapi.client.fallbacks}.
 *
 * @author CometAPI team
 */
@AutoConfiguration(after = CometApiAutoConfiguration.class,
		afterName = { "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(CometTemplate.class)
public class CometApiObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "cometObservationTemplateCustomizer")
	CometTemplateCustomizer cometObservationTemplateCustomizer(CometApiProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ObservationHandler<?>> observationHandlers) {
		return (builder) -> {
			builder.logContent(properties.getObservation().isLogContent());
			if (properties.getObservation().isEnabled() && observationRegistry.getIfUnique() == null) {
				List<ObservationHandler<?>> handlers = observationHandlers.orderedStream().toList();
				if (!handlers.isEmpty()) {
					ObservationRegistry registry = ObservationRegistry.create();
					handlers.forEach(registry.observationConfig()::observationHandler);
					builder.observationRegistry(registry);
				}
			}
		};
	}

	/**
	 * Install the application's {@link CometCallListener} beans on the template, in
	 * order, after the observation listener.
	 * @param listeners the listener beans
	 * @return the customizer
	 */
	@Bean
	@ConditionalOnMissingBean(name = "cometCallListenerTemplateCustomizer")
	static CometTemplateCustomizer cometCallListenerTemplateCustomizer(ObjectProvider<CometCallListener> listeners) {
		return (builder) -> listeners.orderedStream().forEach(builder::listener);
	}

	static Set<String> configuredModels(CometTemplate template) {
		Set<String> models = new LinkedHashSet<>(template.getRoute().models());
		for (String route : template.getRouteNames()) {
			models.addAll(template.route(route).getRoute().models());
		}
		return models;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnProperty(prefix = "cometapi.observation", name = "enabled", matchIfMissing = true)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CometMeterObservationHandler cometMeterObservationHandler(MeterRegistry meterRegistry) {
			return new CometMeterObservationHandler(meterRegistry);
		}

		@Bean
		@ConditionalOnMissingBean
		CometGenAiMeterObservationHandler cometGenAiMeterObservationHandler(MeterRegistry meterRegistry) {
			return new CometGenAiMeterObservationHandler(meterRegistry);
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(CometTemplate.class)
		CometStateMeterBinder cometStateMeterBinder(CometTemplate template) {
			return new CometStateMeterBinder(template.getModelState(), configuredModels(template));
		}

		@Bean
		@ConditionalOnMissingBean(name = "cometEventCounterMeterFilter")
		MeterFilter cometEventCounterMeterFilter() {
			return MeterFilter.denyNameStartsWith(DefaultCometCallObservationConvention.NAME + ".cometapi.");
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnMissingBean(ObservationRegistry.class)
		static class OwnObservationRegistryConfiguration {

			@Bean
			CometTimerObservationHandler cometTimerObservationHandler(MeterRegistry meterRegistry) {
				return new CometTimerObservationHandler(meterRegistry);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "cometapi.observation.events", name = "enabled", matchIfMissing = true)
	@ConditionalOnBean(CometTemplate.class)
	static class EventsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CometFallbackEventPublisher cometFallbackEventPublisher(ApplicationEventPublisher publisher,
				ObjectProvider<CometTemplate> template) {
			return new CometFallbackEventPublisher(publisher, template);
		}

		@Bean
		@ConditionalOnMissingBean
		CometStateEventPublisher cometStateEventPublisher(CometTemplate template, ApplicationEventPublisher publisher,
				CometApiProperties properties) {
			return new CometStateEventPublisher(template, publisher, List.copyOf(configuredModels(template)),
					new ObservationPropertiesMapper(properties.getObservation()).pollInterval(), Schedulers.parallel());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnCometHealthIndicatorCondition.class)
	@ConditionalOnBean(CometTemplate.class)
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CometTrafficRecorder cometTrafficRecorder(CometApiProperties properties) {
			return new CometTrafficRecorder(
					new ObservationPropertiesMapper(properties.getObservation()).healthWindowSize());
		}

		@Bean
		@ConditionalOnMissingBean
		CometHealthEvaluator cometHealthEvaluator(CometTemplate template, CometTrafficRecorder recorder,
				CometApiProperties properties) {
			ObservationPropertiesMapper mapper = new ObservationPropertiesMapper(properties.getObservation());
			CatalogHealthProbe catalogProbe = properties.getObservation().getHealth().isCatalogCheck()
					? new CatalogHealthProbe(template::catalog, mapper.catalogCheckInterval(), Duration.ofSeconds(10),
							System::nanoTime)
					: null;
			return new CometHealthEvaluator(template.getModelState(), recorder, configuredModels(template),
					mapper.healthSettings(), catalogProbe);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = OnCometHealthIndicatorCondition.BOOT_4_HEALTH_INDICATOR)
		static class Boot4HealthIndicatorConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "cometapiHealthIndicator")
			CometHealthIndicator cometapiHealthIndicator(CometHealthEvaluator evaluator,
					CometApiProperties properties) {
				return new CometHealthIndicator(evaluator,
						properties.getObservation().getHealth().isAffectsAggregate());
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = OnCometHealthIndicatorCondition.BOOT_3_HEALTH_INDICATOR)
		@ConditionalOnMissingClass(OnCometHealthIndicatorCondition.BOOT_4_HEALTH_INDICATOR)
		static class Boot3HealthIndicatorConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "cometapiHealthIndicator")
			CometLegacyHealthIndicator cometapiHealthIndicator(CometHealthEvaluator evaluator,
					CometApiProperties properties) {
				return new CometLegacyHealthIndicator(evaluator,
						properties.getObservation().getHealth().isAffectsAggregate());
			}

		}

	}

	/**
	 * Micrometer's timers of the call and attempt observations, for a template that
	 * observes through a registry of its own. The retry and fallback events are counted
	 * by {@link CometMeterObservationHandler} instead.
	 */
	static class CometTimerObservationHandler extends DefaultMeterObservationHandler {

		CometTimerObservationHandler(MeterRegistry meterRegistry) {
			super(meterRegistry);
		}

		@Override
		public void onEvent(Observation.Event event, Observation.Context context) {
			if (!(event instanceof CometRetryEvent) && !(event instanceof CometFallbackEvent)) {
				super.onEvent(event, context);
			}
		}

	}

}
