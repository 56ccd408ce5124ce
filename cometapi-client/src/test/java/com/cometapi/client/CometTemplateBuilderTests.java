package com.cometapi.client;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;

import com.cometapi.client.error.CometUnknownRouteException;
import com.cometapi.client.error.CometValidationException;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of what {@link CometTemplate.Builder} accepts and fixes for plain-Java users.
 */
class CometTemplateBuilderTests {

	private static final String KEY = "sk-builder-secret-8642";

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private CometTemplate.Builder builder() {
		return CometTemplate.builder().baseUrl(mock.baseUrl()).apiKey(KEY);
	}

	@Test
	void rejectsAModelListedTwice() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().models("gpt-4o", "gpt-4o").build())
			.withMessageContaining("'gpt-4o' more than once");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder().route(CometRoute.of("fast", "gpt-4o-mini", "claude", "gpt-4o-mini")).build())
			.withMessageContaining("route 'fast'");
	}

	@Test
	void dropsATrailingV1FromTheBaseUrl() {
		CometTemplate template = builder().baseUrl(mock.baseUrl() + "/v1").models("gpt-4o").build();
		assertThat(template.getBaseUrl()).isEqualTo(mock.baseUrl());
		template.prompt("Hi").block(Duration.ofSeconds(5));
		assertThat(mock.server().requests().get(0).path()).isEqualTo("/v1/chat/completions");
	}

	@Test
	void dropsEveryTrailingV1FromTheBaseUrl() {
		CometTemplate template = builder().baseUrl(mock.baseUrl() + "/v1/V1/").models("gpt-4o").build();
		assertThat(template.getBaseUrl()).isEqualTo(mock.baseUrl());
		template.prompt("Hi").block(Duration.ofSeconds(5));
		assertThat(mock.server().requests().get(0).path()).isEqualTo("/v1/chat/completions");
	}

	@Test
	void rejectsUserInfoInTheBaseUrlWithoutEchoingIt() {
		String url = mock.baseUrl().replace("://", "://user:hunter2@") + "/v1";
		assertThatIllegalArgumentException().isThrownBy(() -> builder().baseUrl(url).build())
			.withMessageContaining("user or password")
			.withMessageNotContaining("hunter2");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder().baseUrl("ftp://user:hunter2@example.com").build())
			.withMessageNotContaining("hunter2");
	}

	@Test
	void rejectsARequestWhoseFallbackListCouldFanOutWithoutBound() {
		mock.server().anyModel().respond(MockResponse.serverError());
		CometTemplate template = builder().build();
		List<String> fallbacks = new java.util.ArrayList<>();
		for (int i = 0; i < 200; i++) {
			fallbacks.add("user-model-" + i);
		}
		ChatRequest request = ChatRequest.builder().model("gpt-4o").user("Hi").fallbackModels(fallbacks).build();
		assertThatExceptionOfType(CometValidationException.class)
			.isThrownBy(() -> template.chat(request).block(Duration.ofSeconds(30)))
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.asString()
				.contains("fallbackModels")
				.contains("at most " + RequestValidator.MAX_FALLBACK_MODELS));
		assertThat(mock.server().requestCount()).isZero();
	}

	@Test
	void keepsAServedCallWhenTheCostEstimatorFails() {
		CometTemplate template = builder().models("gpt-4o").costEstimator((model, usage) -> {
			throw new ArithmeticException("Overflow");
		}).build();
		ChatCompletion completion = template.prompt("Hi").block(Duration.ofSeconds(5));
		assertThat(completion.callResult().servedModel()).isEqualTo("gpt-4o");
		assertThat(completion.estimatedCost()).isEmpty();
		assertThat(mock.server().requestCount()).isEqualTo(1);
	}

	@Test
	void keepsAServedStreamWhenTheCostEstimatorFails() {
		mock.server().model("gpt-4o").respond(MockResponse.stream("Hel", "lo"));
		CometTemplate template = builder().models("gpt-4o").costEstimator((model, usage) -> {
			throw new ArithmeticException("Overflow");
		}).build();
		List<ChatCompletionChunk> chunks = template.stream(ChatRequest.of("gpt-4o", "Hi"))
			.collectList()
			.block(Duration.ofSeconds(5));
		assertThat(chunks).isNotEmpty();
	}

	@Test
	void throwsATypedErrorForAnUnknownRoute() {
		CometTemplate template = builder().route(CometRoute.of("fast", "gpt-4o-mini")).build();
		assertThatExceptionOfType(CometUnknownRouteException.class)
			.isThrownBy(() -> template.route("fats\n" + "x".repeat(10_000)))
			.satisfies((ex) -> {
				assertThat(ex.getConfiguredRoutes()).containsExactly("fast");
				assertThat(ex.getMessage()).contains("fats\\nx").contains("[fast]").doesNotContain("\n");
				assertThat(ex.getMessage().length()).isLessThan(300);
			});
		assertThatExceptionOfType(CometUnknownRouteException.class).isThrownBy(() -> template.route(null));
	}

	@Test
	void neverLogsTheAuthorizationHeaderEvenWhenTheApplicationLogsRequestDetails() {
		Logger exchangeLogger = (Logger) LoggerFactory
			.getLogger("org.springframework.web.reactive.function.client.ExchangeFunctions");
		ListAppender<ILoggingEvent> events = new ListAppender<>();
		events.start();
		exchangeLogger.addAppender(events);
		exchangeLogger.setLevel(Level.TRACE);
		try {
			WebClient.Builder application = WebClient.builder()
				.codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(true));
			builder().webClientBuilder(application).models("gpt-4o").build().prompt("Hi").block(Duration.ofSeconds(5));
		}
		finally {
			exchangeLogger.detachAppender(events);
			exchangeLogger.setLevel(null);
		}
		assertThat(events.list).extracting(ILoggingEvent::getFormattedMessage)
			.anySatisfy((line) -> assertThat(line).contains("/v1/chat/completions"))
			.noneSatisfy((line) -> assertThat(line).contains(KEY))
			.noneSatisfy((line) -> assertThat(line).containsIgnoringCase("authorization"));
	}

}
