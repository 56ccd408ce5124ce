package com.cometapi.autoconfigure.catalog;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import com.cometapi.autoconfigure.CometApiAutoConfiguration;
import com.cometapi.logging.CapturedLogs;
import com.cometapi.logging.LogCaptureExtension;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.catalog.CostEstimator;
import com.cometapi.client.catalog.ModelCatalog;
import com.cometapi.client.resilience.ModelKeys;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.CometApiMockServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LogCaptureExtension.class)
class CometApiCatalogAutoConfigurationTests {

	@RegisterExtension
	static final CometApiMockServerExtension mockExtension = new CometApiMockServerExtension();

	private static final CometApiMockServer mock = mockExtension.server();

	private ApplicationContextRunner contextRunner;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(CometApiAutoConfiguration.class, CometApiCatalogAutoConfiguration.class))
			.withPropertyValues("cometapi.base-url=" + mock.baseUrl(), "cometapi.api-key=test-key",
					"cometapi.catalog.startup-timeout=1m");
	}

	@Test
	void doesNoNetworkAtStartupWhenValidationIsOff() {
		runner().withPropertyValues("cometapi.catalog.validate=off", "cometapi.models=gpt-4o,nope").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(ModelCatalog.class).hasSingleBean(CostEstimator.class);
			assertThat(mock.requestCount()).isZero();
			assertThat(context.getBean(ModelCatalog.class).isRunning()).isTrue();
		});
	}

	private static void awaitCheck(org.springframework.context.ApplicationContext context) {
		context.getBean(CatalogStartupCheck.class).done().block(Duration.ofSeconds(30));
	}

	@Test
	void catalogIdsConfiguredModelsAndPerModelLimitsKeepTheirKeysAndOtherNamesShareOther() {
		runner().withPropertyValues("cometapi.models=gpt-4o", "cometapi.concurrency.models.tuned-model.max-in-flight=2")
			.run((context) -> {
				awaitCheck(context);
				ModelKeys keys = context.getBean(CometTemplate.class).getModelState().getModelKeys();
				assertThat(keys.keyOf("gpt-4o")).isEqualTo("gpt-4o");
				assertThat(keys.keyOf("gpt-4o-mini")).isEqualTo("gpt-4o-mini");
				assertThat(keys.keyOf("tuned-model")).isEqualTo("tuned-model");
				assertThat(keys.keyOf("made-up-model")).isEqualTo(ModelKeys.OTHER);
			});
	}

	@Test
	void warnsAboutUnknownModelWithSuggestionsAndStarts(CapturedLogs output) {
		runner().withPropertyValues("cometapi.models=gpt-4o,gpt-4o-mnii").run((context) -> {
			assertThat(context).hasNotFailed();
			awaitCheck(context);
			assertThat(context.getBean(ModelCatalog.class).find("gpt-4o")).isPresent();
			assertThat(mock.requests()).singleElement()
				.satisfies((request) -> assertThat(request.path()).isEqualTo("/api/models"));
		});
		assertThat(output)
			.contains("cometapi.models[1] = 'gpt-4o-mnii': not in CometAPI's catalog; did you mean gpt-4o-mini")
			.contains("cometapi.models: gpt-4o (input 2.0, output 8.0 USD / M Tokens)");
	}

	@Test
	void warnsAboutCostlyFallbacksInOneLinePerList(CapturedLogs output) {
		runner()
			.withPropertyValues("cometapi.routes.cheap.models=gpt-4o-mini,claude-sonnet-4-5,gpt-4o",
					"cometapi.catalog.max-fallback-cost-ratio=5")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				awaitCheck(context);
			});
		assertThat(output).containsOnlyOnce("CometAPI costly fallback")
			.contains("CometAPI costly fallback: cometapi.routes.cheap.models[1] = 'claude-sonnet-4-5' costs 24.0x, "
					+ "[2] = 'gpt-4o' costs 16.7x its primary 'gpt-4o-mini' (cometapi.catalog.max-fallback-cost-ratio=5.0)");
	}

	@Test
	void rejectsACostRatioThatIsNotAPositiveNumber() {
		for (String ratio : new String[] { "NaN", "-1", "0", "Infinity" }) {
			runner().withPropertyValues("cometapi.models=gpt-4o", "cometapi.catalog.max-fallback-cost-ratio=" + ratio)
				.run((context) -> assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(
							org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("cometapi.catalog.max-fallback-cost-ratio"));
		}
	}

	@Test
	void readmeExampleStartsWithoutCostlyFallbackWarning(CapturedLogs output) {
		runner().withPropertyValues("cometapi.models=gpt-4o-mini,claude-sonnet-4-5").run((context) -> {
			assertThat(context).hasNotFailed();
			awaitCheck(context);
		});
		assertThat(output).contains("CometAPI models cometapi.models: gpt-4o-mini").doesNotContain("costly fallback");
	}

	@Test
	@org.junit.jupiter.api.Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
	void doesNotHoldStartUpWhileTheCatalogHasNotAnswered(CapturedLogs output) {
		reactor.core.publisher.Sinks.One<com.cometapi.client.catalog.CatalogResponse> answer = reactor.core.publisher.Sinks
			.one();
		runner().withPropertyValues("cometapi.models=gpt-4o", "cometapi.catalog.startup-timeout=1h")
			.withBean(ModelCatalog.class,
					() -> new ModelCatalog(answer::asMono, Duration.ofHours(1),
							reactor.core.scheduler.Schedulers.parallel()))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).doesNotContain("CometAPI models");
				CometTemplate template = context.getBean(CometTemplate.class);
				answer.tryEmitValue(template.catalog().block(Duration.ofSeconds(30)));
				awaitCheck(context);
				assertThat(output).contains("CometAPI models cometapi.models: gpt-4o (input 2.0, output 8.0");
			});
	}

	@Test
	void failModeWaitsForTheCatalogAtMostTheStartupTimeout() {
		runner()
			.withPropertyValues("cometapi.models=gpt-4o", "cometapi.catalog.validate=fail",
					"cometapi.catalog.startup-timeout=200ms")
			.withBean(ModelCatalog.class,
					() -> new ModelCatalog(reactor.core.publisher.Mono::never, Duration.ofHours(1),
							reactor.core.scheduler.Schedulers.parallel()))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(CometCatalogValidationException.class)
					.hasMessageContaining("could not be read")
					.hasMessageContaining("no answer within 200ms");
			});
	}

	@Test
	void failsOnUnknownRouteModelWhenValidationFails() {
		runner().withPropertyValues("cometapi.catalog.validate=fail", "cometapi.routes.chat.models=gpt-4o,gpt-4o-mnii")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				assertThat(failure).isInstanceOf(CometCatalogValidationException.class);
				CometCatalogValidationException ex = (CometCatalogValidationException) failure;
				assertThat(ex.getProblems()).singleElement().satisfies((problem) -> {
					assertThat(problem.property()).isEqualTo("cometapi.routes.chat.models[1]");
					assertThat(problem.modelId()).isEqualTo("gpt-4o-mnii");
					assertThat(problem.suggestions()).startsWith("gpt-4o-mini");
				});
				FailureAnalysis analysis = new CometCatalogValidationFailureAnalyzer().analyze(failure);
				assertThat(analysis.getDescription()).contains("cometapi.routes.chat.models[1] = 'gpt-4o-mnii'")
					.contains("did you mean gpt-4o-mini");
				assertThat(analysis.getAction()).contains("cometapi.catalog.validate=warn");
			});
	}

	@Test
	void failsOnFallbackOfAnotherTypeWhenValidationFails() {
		runner().withPropertyValues("cometapi.catalog.validate=fail", "cometapi.models=gpt-4o,text-embedding-3-small")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(((CometCatalogValidationException) context.getStartupFailure()).getProblems())
					.singleElement()
					.satisfies((problem) -> {
						assertThat(problem.property()).isEqualTo("cometapi.models[1]");
						assertThat(problem.reason()).contains("'embedding'").contains("'chat'");
					});
			});
	}

	@Test
	void startsWithWarningWhenCatalogIsUnreachable(CapturedLogs output) {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(CometApiAutoConfiguration.class, CometApiCatalogAutoConfiguration.class))
			.withPropertyValues("cometapi.base-url=http://127.0.0.1:1", "cometapi.models=gpt-4o")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				awaitCheck(context);
			});
		assertThat(output).contains("CometAPI catalog could not be read from http://127.0.0.1:1/api/models");
	}

	@Test
	void unreachableCatalogWarningShowsNoCredentialsOfTheBaseUrl(CapturedLogs output) {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(CometApiAutoConfiguration.class, CometApiCatalogAutoConfiguration.class))
			.withPropertyValues("cometapi.base-url=http://user:s3cr3t-pw@127.0.0.1:1", "cometapi.models=gpt-4o",
					"cometapi.api-key=sk-catalog-secret-5")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("cometapi.base-url")
				.hasMessageNotContaining("s3cr3t-pw"));
		assertThat(output).doesNotContain("s3cr3t-pw").doesNotContain("sk-catalog-secret-5");
	}

	@Test
	void failsWhenCatalogIsUnreachableAndValidationFails() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(CometApiAutoConfiguration.class, CometApiCatalogAutoConfiguration.class))
			.withPropertyValues("cometapi.base-url=http://127.0.0.1:1", "cometapi.catalog.validate=fail",
					"cometapi.catalog.startup-timeout=2s")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new CometCatalogValidationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("could not be read");
			});
	}

	@Test
	void givesResponsesTheirEstimatedCost() {
		runner().withPropertyValues("cometapi.models=gpt-4o").run((context) -> {
			awaitCheck(context);
			ChatCompletion completion = context.getBean(CometTemplate.class)
				.chat(ChatRequest.of("gpt-4o", "Hi"))
				.block(Duration.ofSeconds(5));
			assertThat(completion.estimatedCost())
				.hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo("0.000078"));
			ChatCompletion unknown = context.getBean(CometTemplate.class)
				.chat(ChatRequest.of("not-in-catalog", "Hi"))
				.block(Duration.ofSeconds(5));
			assertThat(unknown.estimatedCost()).isEmpty();
		});
	}

	@Test
	void backsOffWhenCatalogIsDisabled() {
		runner().withPropertyValues("cometapi.catalog.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(ModelCatalog.class).doesNotHaveBean(CostEstimator.class);
			assertThat(mock.requestCount()).isZero();
		});
	}

	@Test
	void usesUserCatalog() {
		ModelCatalog own = new ModelCatalog(reactor.core.publisher.Mono::empty, Duration.ofHours(1),
				reactor.core.scheduler.Schedulers.parallel());
		runner().withPropertyValues("cometapi.catalog.validate=off")
			.withBean(ModelCatalog.class, () -> own)
			.run((context) -> assertThat(context).hasNotFailed().getBean(ModelCatalog.class).isSameAs(own));
	}

	@Test
	void startsAndCallsThePriceUnknownForAHostileCatalog(CapturedLogs output) {
		mock.catalog(
				"""
						{"success":true,"data":[
						{"id":"gpt-4o","model_type":"chat","pricing":{"currency":"USD\\u001b[2J","input":1e999999999,"output":1}},
						{"id":"gpt-4o-mini","model_type":"chat\\nINJECTED","pricing":{"input":1e-999999999,"output":1}}]}""");
		runner().withPropertyValues("cometapi.models=gpt-4o,gpt-4o-mini").run((context) -> {
			assertThat(context).hasNotFailed();
			awaitCheck(context);
			ChatCompletion completion = context.getBean(CometTemplate.class).prompt("Hi").block(Duration.ofSeconds(5));
			assertThat(completion.callResult().servedModel()).isEqualTo("gpt-4o");
			assertThat(completion.estimatedCost()).isEmpty();
		});
		assertThat(output).contains("cometapi.models: gpt-4o (price unknown), gpt-4o-mini (price unknown)")
			.contains("their prices count as unknown")
			.contains("chat\\nINJECTED")
			.doesNotContain("\u001b[2J")
			.doesNotContain("\nINJECTED");
	}

	@Test
	void saysWhatTheCatalogAnsweredWhenItCannotBeRead(CapturedLogs output) {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(CometApiAutoConfiguration.class, CometApiCatalogAutoConfiguration.class))
			.withPropertyValues("cometapi.base-url=" + mock.baseUrl() + "/proxy", "cometapi.api-key=test-key",
					"cometapi.models=gpt-4o")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				awaitCheck(context);
			});
		assertThat(output).contains("/proxy/api/models: it answered HTTP 404 (not found: check cometapi.base-url)")
			.doesNotContain("within PT")
			.doesNotContain("for model null")
			.doesNotContain("CometModelUnavailableException");
	}

}
