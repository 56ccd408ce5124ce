package com.cometapi.autoconfigure.observation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.cometapi.autoconfigure.CometApiAutoConfiguration;
import com.cometapi.client.CometTemplate;
import com.cometapi.client.listener.CallHandle;
import com.cometapi.client.listener.CometCallListener;
import com.cometapi.client.observation.DefaultCometCallObservationConvention;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the auto-configuration installs the application's {@link CometCallListener}
 * beans beside the observation listener.
 */
class CometCallListenerObservationTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CometApiAutoConfiguration.class, CometApiObservationAutoConfiguration.class))
		.withPropertyValues("cometapi.base-url=" + mock.baseUrl(), "cometapi.api-key=test-key",
				"cometapi.models=gpt-4o");

	@Test
	void listenerBeansAreToldOfEachCallInOrderBesideTheObservation() {
		mock.server().model("gpt-4o").respond(MockResponse.ok());
		this.runner.withUserConfiguration(Listeners.class).run((context) -> {
			context.getBean(CometTemplate.class).chat("gpt-4o", "Hi").block();
			assertThat(context.getBean(Listeners.class).started).containsExactly("first gpt-4o", "second gpt-4o");
			assertThat(context.getBean(Listeners.class).stopped).contains(DefaultCometCallObservationConvention.NAME);
		});
		assertThat(mock.server().requestCount()).isEqualTo(1);
	}

	@Configuration(proxyBeanMethods = false)
	static class Listeners {

		final List<String> started = new CopyOnWriteArrayList<>();

		final List<String> stopped = new CopyOnWriteArrayList<>();

		@Bean
		ObservationRegistry observationRegistry() {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new ObservationHandler<>() {

				@Override
				public void onStop(Observation.Context context) {
					Listeners.this.stopped.add(context.getName());
				}

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

			});
			return registry;
		}

		@Bean
		@Order(2)
		CometCallListener secondListener() {
			return (operation, route, model, request) -> {
				this.started.add("second " + model);
				return CallHandle.NOOP;
			};
		}

		@Bean
		@Order(1)
		CometCallListener firstListener() {
			return (operation, route, model, request) -> {
				this.started.add("first " + model);
				return CallHandle.NOOP;
			};
		}

	}

}
