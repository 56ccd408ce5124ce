package com.cometapi.autoconfigure;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.client.WebClient;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.error.CometErrorClassifier;
import com.cometapi.client.error.CometErrorDecision;
import com.cometapi.client.resilience.ConnectionRetrySettings;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CometApiAutoConfiguration}.
 */
class CometApiAutoConfigurationTests {

	private static final String KEY = "sk-autoconfig-secret-98765";

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CometApiAutoConfiguration.class))
		.withPropertyValues("cometapi.catalog.validate=off");

	private ApplicationContextRunner onMock() {
		return this.contextRunner.withPropertyValues("cometapi.base-url=" + mock.baseUrl());
	}

	@Test
	void createsATemplateThatTalksToTheConfiguredServer() {
		onMock().withPropertyValues("cometapi.api-key=" + KEY, "cometapi.models=gpt-4o-mini,gpt-4o").run((context) -> {
			assertThat(context).hasSingleBean(CometTemplate.class).hasSingleBean(CometErrorClassifier.class);
			ChatCompletion completion = context.getBean(CometTemplate.class).prompt("Hi").block(Duration.ofSeconds(5));
			assertThat(completion.callResult().servedModel()).isEqualTo("gpt-4o-mini");
			assertThat(mock.server().requests().get(0).header("Authorization")).isEqualTo("Bearer " + KEY);
		});
	}

	@Test
	void readsTheKeyFromCometApiKeyVariable() {
		onMock().withPropertyValues("COMETAPI_KEY=" + KEY).run((context) -> {
			context.getBean(CometTemplate.class).chat("gpt-4o", "Hi").block(Duration.ofSeconds(5));
			assertThat(mock.server().requests().get(0).header("Authorization")).isEqualTo("Bearer " + KEY);
		});
	}

	@Test
	void needsNoKeyForALoopbackServer() {
		onMock().run((context) -> assertThat(context).hasSingleBean(CometTemplate.class));
	}

	@Test
	void failsStartUpWithoutAKeyForTheRealApi() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).rootCause()
				.isInstanceOf(MissingCometApiKeyException.class)
				.hasMessageContaining("cometapi.api-key")
				.hasMessageContaining("COMETAPI_KEY");
			FailureAnalysis analysis = new MissingCometApiKeyFailureAnalyzer().analyze(failure);
			assertThat(analysis.getAction()).contains("COMETAPI_KEY").contains("cometapi.api-key");
		});
	}

	@Test
	void failsStartUpNamingABadProperty() {
		onMock().withPropertyValues("cometapi.retry.max-attempts=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cometapi.retry.max-attempts");
		});
	}

	@Test
	void failsStartUpOnARouteWithoutModels() {
		onMock().withPropertyValues("cometapi.routes.fast.timeout=5s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cometapi.routes.fast.models");
		});
	}

	@Test
	void failsStartUpOnABadBaseUrl() {
		this.contextRunner.withPropertyValues("cometapi.base-url=api.cometapi.com", "cometapi.api-key=" + KEY)
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cometapi.base-url"));
	}

	@Test
	void bindsTheRetryOfConnectionFailures() {
		onMock()
			.withPropertyValues("cometapi.retry.connection.max-attempts=4",
					"cometapi.retry.connection.initial-backoff=5ms", "cometapi.retry.connection.max-backoff=40ms")
			.run((context) -> assertThat(context.getBean(CometTemplate.class).getRetrySettings().connection())
				.isEqualTo(new ConnectionRetrySettings(4, Duration.ofMillis(5), Duration.ofMillis(40))));
	}

	@Test
	void retriesConnectionFailuresApartByDefault() {
		onMock().run((context) -> {
			assertThat(context.getBean(CometTemplate.class).getRetrySettings()).isEqualTo(RetrySettings.DEFAULTS);
			mock.server()
				.model("gpt-4o")
				.enqueue(MockResponse.connectionReset(), MockResponse.connectionReset(), MockResponse.connectionReset(),
						MockResponse.connectionReset());
			ChatCompletion completion = context.getBean(CometTemplate.class)
				.chat("gpt-4o", "Hi")
				.block(Duration.ofSeconds(10));
			assertThat(completion.callResult().attempts()).isEqualTo(5);
			assertThat(mock.server().requestCount("gpt-4o")).isEqualTo(5);
		});
	}

	@Test
	void bindsRoutesWithTheirOverrides() {
		onMock()
			.withPropertyValues("cometapi.models=gpt-4o", "cometapi.routes.cheap.models=gpt-4o-mini,claude-sonnet-4-5",
					"cometapi.routes.cheap.timeout=20s", "cometapi.routes.cheap.retry.max-attempts=1")
			.run((context) -> {
				CometTemplate template = context.getBean(CometTemplate.class);
				CometTemplate cheap = template.route("cheap");
				assertThat(cheap.getRoute().models()).containsExactly("gpt-4o-mini", "claude-sonnet-4-5");
				assertThat(cheap.getRoute().timeout()).isEqualTo(Duration.ofSeconds(20));
				assertThat(cheap.getRoute().retry().maxAttempts()).isEqualTo(1);
				assertThat(cheap.getRoute().retry().initialBackoff()).isEqualTo(Duration.ofSeconds(1));
				assertThat(cheap.getRoute().retry().connection()).isEqualTo(ConnectionRetrySettings.DEFAULTS);
				mock.server().model("gpt-4o-mini").respond(MockResponse.serviceUnavailable());
				ChatCompletion completion = cheap.prompt("Hi").block(Duration.ofSeconds(5));
				assertThat(completion.callResult().servedModel()).isEqualTo("claude-sonnet-4-5");
				assertThat(mock.server().requestCount("gpt-4o-mini")).isEqualTo(1);
			});
	}

	@Test
	void appliesStatusDecisionsFromProperties() {
		onMock()
			.withPropertyValues("cometapi.models=gpt-4o,gpt-4o-mini", "cometapi.retry.status-decisions.400=next-model")
			.run((context) -> {
				mock.server().model("gpt-4o").respond(MockResponse.badRequest());
				ChatCompletion completion = context.getBean(CometTemplate.class)
					.prompt("Hi")
					.block(Duration.ofSeconds(5));
				assertThat(completion.callResult().servedModel()).isEqualTo("gpt-4o-mini");
				assertThat(context.getBean(CometErrorClassifier.class)
					.classify(com.cometapi.client.error.CometFailureKind.HTTP_STATUS,
							new com.cometapi.client.error.CometError(400, null, null, null, null, null, null, -1)))
					.isEqualTo(CometErrorDecision.NEXT_MODEL);
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesATemplate() {
		onMock().withUserConfiguration(UserTemplateConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(CometTemplate.class);
			assertThat(context.getBean(CometTemplate.class)).isSameAs(UserTemplateConfiguration.TEMPLATE);
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesAClassifier() {
		onMock().withBean(CometErrorClassifier.class, () -> (kind, error) -> CometErrorDecision.FAIL)
			.run((context) -> assertThat(context).hasSingleBean(CometErrorClassifier.class));
	}

	@Test
	void clonesTheApplicationWebClientBuilderAndAppliesCustomizersInOrder() {
		onMock().withUserConfiguration(WebClientConfiguration.class).run((context) -> {
			context.getBean(CometTemplate.class).chat("gpt-4o", "Hi").block(Duration.ofSeconds(5));
			assertThat(mock.server().requests().get(0).header("X-Application")).isEqualTo("builder");
			assertThat(mock.server().requests().get(0).header("X-Order")).isEqualTo("second");
			assertThat(context.getBean(WebClient.Builder.class).build()).isNotNull();
		});
	}

	@Test
	void appliesTemplateCustomizers() {
		onMock().withBean(CometTemplateCustomizer.class, () -> (builder) -> builder.models("customized-model"))
			.run((context) -> assertThat(context.getBean(CometTemplate.class).getRoute().models())
				.containsExactly("customized-model"));
	}

	@Test
	void keepsTheWireFormatWhateverTheApplicationMapperSays() {
		onMock().withUserConfiguration(HostileObjectMapperConfiguration.class).run((context) -> {
			ChatRequest request = ChatRequest.builder().model("gpt-4o").user("Hi").maxTokens(5).build();
			ChatCompletion completion = context.getBean(CometTemplate.class).chat(request).block(Duration.ofSeconds(5));
			assertThat(mock.server().requests().get(0).body()).contains("\"max_tokens\":5").doesNotContain("MaxTokens");
			assertThat(completion.usage().promptTokens()).isEqualTo(11);
			assertThat(completion.systemFingerprint()).isNotNull();
		});
	}

	@Test
	void keepsTheKeyOutOfPropertiesToString() {
		onMock().withPropertyValues("cometapi.api-key=" + KEY).run((context) -> {
			assertThat(context.getBean(CometApiProperties.class).toString()).doesNotContain(KEY);
			assertThat(context.getBean(CometTemplate.class).toString()).doesNotContain(KEY);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserTemplateConfiguration {

		static final CometTemplate TEMPLATE = CometTemplate.builder().apiKey("user").build();

		@Bean
		CometTemplate myTemplate() {
			return TEMPLATE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WebClientConfiguration {

		@Bean
		WebClient.Builder webClientBuilder() {
			return WebClient.builder().defaultHeader("X-Application", "builder");
		}

		@Bean
		@Order(2)
		CometWebClientCustomizer second() {
			return (builder) -> builder.defaultHeaders((headers) -> headers.set("X-Order", "second"));
		}

		@Bean
		@Order(1)
		CometWebClientCustomizer first() {
			return (builder) -> builder.defaultHeaders((headers) -> headers.set("X-Order", "first"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HostileObjectMapperConfiguration {

		@Bean
		ObjectMapper objectMapper() {
			return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
				.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		}

	}

}
