package com.cometapi.autoconfigure.observation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.cometapi.autoconfigure.CometApiAutoConfiguration;
import com.cometapi.autoconfigure.CometTemplateCustomizer;
import com.cometapi.client.CometTemplate;
import com.cometapi.client.catalog.CatalogModel;
import com.cometapi.client.catalog.ModelPricing;
import com.cometapi.client.error.CometBadRequestException;
import com.cometapi.client.observation.CometCallContext;
import com.cometapi.client.observation.CometHealthEvaluator;
import com.cometapi.client.observation.CometMeterObservationHandler;
import com.cometapi.client.observation.CometStateMeterBinder;
import com.cometapi.client.observation.CometTrafficRecorder;
import com.cometapi.client.observation.DefaultCometCallObservationConvention;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CometApiObservationAutoConfiguration}.
 */
class CometApiObservationAutoConfigurationTests {

	static final String API_KEY = "sk-observability-secret-4242";

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CometApiAutoConfiguration.class, CometApiObservationAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	private ApplicationContextRunner onMock() {
		return this.runner.withPropertyValues("cometapi.base-url=" + mock.baseUrl(), "cometapi.api-key=" + API_KEY,
				"cometapi.models=gpt-4o,claude-sonnet-4-5", "cometapi.retry.initial-backoff=1ms",
				"cometapi.retry.jitter=none");
	}

	@Test
	void recordsExactlyTheExpectedMetersForSuccessRetryFallbackAndBadRequest() {
		onMock().run((context) -> {
			CometTemplate template = context.getBean(CometTemplate.class);
			CometApiMockServer server = mock.server();
			template.prompt("one").block();
			server.model("gpt-4o").enqueue(MockResponse.serverError());
			template.prompt("two").block();
			server.model("gpt-4o").enqueue(MockResponse.noAvailableChannel());
			ChatCompletion fallback = template.prompt("three").block();
			assertThat(fallback.callResult().servedModel()).isEqualTo("claude-sonnet-4-5");
			server.model("gpt-4o").enqueue(MockResponse.badRequest());
			assertThatExceptionOfType(CometBadRequestException.class).isThrownBy(() -> template.prompt("four").block());
			assertThat(server.requestCount("gpt-4o")).isEqualTo(5);
			assertThat(server.requestCount("claude-sonnet-4-5")).isEqualTo(1);
			String host = "server.address=127.0.0.1,server.port=" + mock.server().port();
			String call = "gen_ai.client.operation{cometapi.outcome=%s,cometapi.route=default,error=%s,error.type=%s,"
					+ "gen_ai.operation.name=chat,gen_ai.provider.name=cometapi,gen_ai.request.model=gpt-4o,"
					+ "gen_ai.response.model=%s," + host + "} count=%d";
			String attempt = "cometapi.client.attempt{cometapi.decision=%s,cometapi.route=default,error=%s,"
					+ "gen_ai.operation.name=chat,gen_ai.request.model=%s,status=%s} count=%d";
			String duration = "gen_ai.client.operation.duration{%sgen_ai.operation.name=chat,"
					+ "gen_ai.provider.name=cometapi,gen_ai.request.model=gpt-4o,%s" + host + "} count=%d";
			String tokens = "gen_ai.client.token.usage{gen_ai.operation.name=chat,gen_ai.provider.name=cometapi,"
					+ "gen_ai.request.model=gpt-4o,gen_ai.response.model=%s,gen_ai.token.type=%s," + host
					+ "} count=%d sum=%s";
			Set<String> expected = new TreeSet<>(Set.of(call.formatted("success", "none", "none", "gpt-4o", 2),
					call.formatted("fallback_success", "none", "none", "claude-sonnet-4-5", 1),
					call.formatted("client_error", "CometBadRequestException", "CometBadRequestException", "none", 1),
					"gen_ai.client.operation.active{cometapi.outcome=unknown,cometapi.route=default,error.type=none,"
							+ "gen_ai.operation.name=chat,gen_ai.provider.name=cometapi,gen_ai.request.model=gpt-4o,"
							+ "gen_ai.response.model=none," + host + "} active=0",
					duration.formatted("", "gen_ai.response.model=gpt-4o,", 2),
					duration.formatted("", "gen_ai.response.model=claude-sonnet-4-5,", 1),
					duration.formatted("error.type=CometBadRequestException,", "", 1),
					attempt.formatted("success", "none", "gpt-4o", "200", 2),
					attempt.formatted("retry", "CometServerException", "gpt-4o", "500", 1),
					attempt.formatted("next_model", "CometModelUnavailableException", "gpt-4o", "503", 1),
					attempt.formatted("success", "none", "claude-sonnet-4-5", "200", 1),
					attempt.formatted("fail", "CometBadRequestException", "gpt-4o", "400", 1),
					"cometapi.client.attempt.active{cometapi.decision=cancelled,cometapi.route=default,"
							+ "gen_ai.operation.name=chat,gen_ai.request.model=gpt-4o,status=NONE} active=0",
					"cometapi.client.attempt.active{cometapi.decision=cancelled,cometapi.route=default,"
							+ "gen_ai.operation.name=chat,gen_ai.request.model=claude-sonnet-4-5,status=NONE} active=0",
					"cometapi.client.retries{cometapi.reason=500,gen_ai.request.model=gpt-4o} sum=1.0",
					"cometapi.client.fallbacks{cometapi.from=gpt-4o,cometapi.reason=503,cometapi.to=claude-sonnet-4-5}"
							+ " sum=1.0",
					tokens.formatted("gpt-4o", "input", 2, "22.0"), tokens.formatted("gpt-4o", "output", 2, "14.0"),
					tokens.formatted("claude-sonnet-4-5", "input", 1, "11.0"),
					tokens.formatted("claude-sonnet-4-5", "output", 1, "7.0"),
					"cometapi.client.cooldown{gen_ai.request.model=gpt-4o} value=0.0",
					"cometapi.client.cooldown{gen_ai.request.model=claude-sonnet-4-5} value=0.0"));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			context.getBean(CometStateMeterBinder.class).bindTo(registry);
			assertThat(Meters.of(registry)).containsExactlyInAnyOrderElementsOf(expected);
		});
	}

	@Test
	void recordsCostAsTokensTimesCatalogPriceOnlyWhenThePriceIsKnown() {
		onMock().withUserConfiguration(CatalogPricedCost.class).run((context) -> {
			CometTemplate template = context.getBean(CometTemplate.class);
			template.prompt("priced").block();
			template.chat("unpriced-model", "no price").block();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			double expected = (11 * 2.0 + 7 * 8.0) / 1_000_000;
			assertThat(registry.get("cometapi.client.cost").counters()).singleElement().satisfies((counter) -> {
				assertThat(counter.getId().getTag("gen_ai.response.model")).isEqualTo("gpt-4o");
				assertThat(counter.getId().getTag("cometapi.outcome")).isEqualTo("success");
				assertThat(counter.getId().getBaseUnit()).isEqualTo("usd");
				assertThat(counter.count()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
			});
			assertThat(registry.get("gen_ai.client.token.usage").tag("gen_ai.response.model", "other").summaries())
				.hasSize(2);
		});
	}

	@Test
	void distinctPromptsAndRequestIdsCreateNoNewMeters() {
		onMock().run((context) -> {
			CometTemplate template = context.getBean(CometTemplate.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			template.prompt("warm-up").block();
			int meters = registry.getMeters().size();
			reactor.core.publisher.Flux.range(0, 1000)
				.flatMap((i) -> template.prompt("distinct prompt number " + i), 32)
				.blockLast();
			assertThat(registry.getMeters()).hasSize(meters);
			assertThat(registry.get("gen_ai.client.operation").timer().count()).isEqualTo(1001);
			assertThat(mock.server().requestCount("gpt-4o")).isEqualTo(1001);
		});
	}

	@Test
	void apiKeyAndPromptAppearInNoMeterTagOrTraceKeyValue() {
		KeyValueRecorder keyValues = new KeyValueRecorder();
		onMock().withBean(KeyValueRecorder.class, () -> keyValues).run((context) -> {
			CometTemplate template = context.getBean(CometTemplate.class);
			mock.server().model("gpt-4o").enqueue(MockResponse.unauthorized());
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> template.prompt("secret a").block());
			mock.server().model("gpt-4o").enqueue(MockResponse.rateLimited(), MockResponse.serverError());
			template.prompt("secret b").block();
			mock.server().model("gpt-4o").enqueue(MockResponse.noAvailableChannel());
			template.prompt("secret c").block();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(Meters.of(registry)).isNotEmpty()
				.noneMatch((line) -> line.contains(API_KEY) || line.contains("secret"));
			assertThat(keyValues.values).contains("cometapi.request_id", "gen_ai.usage.input_tokens")
				.noneMatch((value) -> value.contains(API_KEY) || value.contains("secret"));
		});
	}

	static class KeyValueRecorder implements ObservationHandler<Observation.Context> {

		final List<String> values = new CopyOnWriteArrayList<>();

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		@Override
		public void onStop(Observation.Context context) {
			context.getAllKeyValues().forEach((keyValue) -> {
				this.values.add(keyValue.getKey());
				this.values.add(keyValue.getValue());
			});
			this.values.add(String.valueOf(context.getContextualName()));
		}

	}

	@Test
	void subclassOfDefaultConventionChangesOneTag() {
		onMock().withBean(TenantConvention.class).run((context) -> {
			context.getBean(CometTemplate.class).prompt("hi").block();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("gen_ai.client.operation").timer().getId().getTag("gen_ai.provider.name"))
				.isEqualTo("cometapi-eu");
			assertThat(registry.get("gen_ai.client.operation").timer().getId().getTag("cometapi.outcome"))
				.isEqualTo("success");
		});
	}

	@Test
	void backsOffWithoutMicrometer() {
		onMock().withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(CometTemplate.class)
				.doesNotHaveBean(CometMeterObservationHandler.class)
				.doesNotHaveBean(CometStateMeterBinder.class);
			assertThat(context.getBean(CometTemplate.class).prompt("hi").block().content()).isNotNull();
		});
	}

	@Test
	void backsOffWithoutMeterRegistryBean() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(CometApiAutoConfiguration.class, CometApiObservationAutoConfiguration.class))
			.withPropertyValues("cometapi.base-url=" + mock.baseUrl(), "cometapi.models=gpt-4o")
			.run((context) -> assertThat(context).hasSingleBean(CometTemplate.class)
				.doesNotHaveBean(CometMeterObservationHandler.class));
	}

	@Test
	void observationDisabledRecordsNoMeters() {
		onMock().withPropertyValues("cometapi.observation.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(CometMeterObservationHandler.class)
				.doesNotHaveBean(CometStateMeterBinder.class);
			context.getBean(CometTemplate.class).prompt("hi").block();
			assertThat(context.getBean(MeterRegistry.class).getMeters()).isEmpty();
			assertThat(mock.server().requestCount("gpt-4o")).isEqualTo(1);
		});
	}

	@Test
	void registersHealthIndicatorNamedCometapi() {
		onMock().run((context) -> {
			assertThat(context).hasSingleBean(CometHealthEvaluator.class).hasSingleBean(CometTrafficRecorder.class);
			assertThat(context).hasBean("cometapiHealthIndicator");
			assertThat(context.getBean("cometapiHealthIndicator")).isInstanceOfAny(CometHealthIndicator.class,
					CometLegacyHealthIndicator.class);
		});
	}

	@Test
	void healthIndicatorBacksOffWhenDisabled() {
		onMock().withPropertyValues("management.health.cometapi.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("cometapiHealthIndicator")
				.doesNotHaveBean(CometTrafficRecorder.class));
		onMock().withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("cometapiHealthIndicator"));
	}

	@Test
	void healthIndicatorBacksOffWithoutActuator() {
		onMock()
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.health",
					"org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(CometTemplate.class)
				.doesNotHaveBean("cometapiHealthIndicator")
				.doesNotHaveBean(CometHealthEvaluator.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class CatalogPricedCost {

		@Bean
		CometTemplateCustomizer catalogCost() {
			Map<String, ModelPricing> prices = new java.util.HashMap<>();
			try (CometTemplate catalogClient = CometTemplate.builder().baseUrl(mock.baseUrl()).build()) {
				for (CatalogModel model : catalogClient.catalog().block().data()) {
					prices.put(model.id(), model.pricing());
				}
			}
			return (builder) -> builder.costEstimator((model, usage) -> {
				ModelPricing price = prices.get(model);
				if (price == null || price.input() == null || price.output() == null) {
					return null;
				}
				return price.input()
					.multiply(BigDecimal.valueOf(usage.promptTokens()))
					.add(price.output().multiply(BigDecimal.valueOf(usage.completionTokens())))
					.divide(BigDecimal.valueOf(1_000_000), MathContext.DECIMAL64);
			});
		}

	}

	static class TenantConvention extends DefaultCometCallObservationConvention {

		@Override
		public KeyValues getLowCardinalityKeyValues(CometCallContext context) {
			return super.getLowCardinalityKeyValues(context).and(KeyValue.of("gen_ai.provider.name", "cometapi-eu"));
		}

	}

}
