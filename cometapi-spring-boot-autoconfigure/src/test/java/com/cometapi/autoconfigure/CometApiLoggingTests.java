package com.cometapi.autoconfigure;

import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import com.cometapi.autoconfigure.observation.CometApiObservationAutoConfiguration;
import com.cometapi.logging.CapturedLogs;
import com.cometapi.logging.LogCaptureExtension;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.error.CometApiException;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of what a {@link CometTemplate} writes to the log: never the API key, prompt and
 * completion text only with {@code cometapi.observation.log-content=true}, and the
 * request id in the MDC of the pipeline's own lines.
 */
@ExtendWith(LogCaptureExtension.class)
class CometApiLoggingTests {

	private static final String API_KEY = "sk-logging-secret-9731";

	private static final String PROMPT = "my-private-prompt-about-tax";

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final Logger cometLogger = (Logger) LoggerFactory.getLogger("com.cometapi");

	private final Logger executorLogger = (Logger) LoggerFactory.getLogger("com.cometapi.client.CometCallExecutor");

	private final ListAppender<ILoggingEvent> executorEvents = new ListAppender<>();

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(CometApiAutoConfiguration.class, CometApiObservationAutoConfiguration.class));

	@BeforeEach
	void debugEverythingOfOurs() {
		this.cometLogger.setLevel(Level.DEBUG);
		this.executorEvents.start();
		this.executorLogger.addAppender(this.executorEvents);
	}

	@AfterEach
	void resetLevels() {
		this.cometLogger.setLevel(null);
		this.executorLogger.detachAppender(this.executorEvents);
	}

	private ApplicationContextRunner onMock(String... properties) {
		return this.runner
			.withPropertyValues("cometapi.base-url=" + mock.baseUrl(), "cometapi.api-key=" + API_KEY,
					"cometapi.models=gpt-4o,claude-sonnet-4-5", "cometapi.retry.initial-backoff=1ms",
					"cometapi.retry.jitter=none", "cometapi.retry.respect-retry-after=false")
			.withPropertyValues(properties);
	}

	private static void scenarios(CometTemplate template, CometApiMockServer server) {
		template.prompt(PROMPT + " success").block();
		server.model("gpt-4o").enqueue(MockResponse.unauthorized());
		call(template, PROMPT + " unauthorized");
		server.model("gpt-4o").enqueue(MockResponse.rateLimited());
		template.prompt(PROMPT + " retried").block();
		server.model("gpt-4o").enqueue(MockResponse.noAvailableChannel());
		template.prompt(PROMPT + " fallback").block();
		server.model("gpt-4o").enqueue(MockResponse.badRequest());
		call(template, PROMPT + " bad request");
	}

	private static void call(CometTemplate template, String prompt) {
		try {
			template.prompt(prompt).block();
		}
		catch (CometApiException ex) {
			assertThat(ex.getMessage()).doesNotContain(API_KEY);
		}
	}

	@Test
	void logsNeitherPromptNorCompletionNorKeyByDefault(CapturedLogs output) {
		onMock().run((context) -> {
			scenarios(context.getBean(CometTemplate.class), mock.server());
			assertThat(mock.server().requestCount()).isEqualTo(7);
		});
		assertThat(output).contains("CometAPI attempt failed", "CometAPI falling back")
			.doesNotContain(API_KEY)
			.doesNotContain(PROMPT)
			.doesNotContain("Hello from");
	}

	@Test
	void logsPromptAndCompletionAtDebugWhenAskedButNeverTheKey(CapturedLogs output) {
		onMock("cometapi.observation.log-content=true").run((context) -> {
			scenarios(context.getBean(CometTemplate.class), mock.server());
		});
		assertThat(output).contains(PROMPT + " success", "Hello from gpt-4o", "Hello from claude-sonnet-4-5")
			.doesNotContain(API_KEY);
		assertThat(output.getAll().lines().filter((line) -> line.contains(PROMPT)))
			.allMatch((line) -> line.contains("DEBUG"));
	}

	@Test
	void logsContentOnlyAtDebug(CapturedLogs output) {
		this.cometLogger.setLevel(Level.INFO);
		onMock("cometapi.observation.log-content=true")
			.run((context) -> context.getBean(CometTemplate.class).prompt(PROMPT).block());
		assertThat(output).doesNotContain(PROMPT);
	}

	@Test
	void putsRequestIdAndModelInTheMdcOfPipelineLines() {
		onMock().run((context) -> {
			mock.server().model("gpt-4o").enqueue(MockResponse.serverError());
			context.getBean(CometTemplate.class).prompt("hi").block();
		});
		String requestId = mock.server().requests().get(0).requestId();
		List<ILoggingEvent> failures = this.executorEvents.list.stream()
			.filter((event) -> event.getFormattedMessage().startsWith("CometAPI attempt failed"))
			.toList();
		assertThat(failures).singleElement().satisfies((event) -> {
			Map<String, String> mdc = event.getMDCPropertyMap();
			assertThat(mdc).containsEntry("cometapi.request_id", requestId).containsEntry("cometapi.model", "gpt-4o");
		});
		assertThat(org.slf4j.MDC.get("cometapi.request_id")).isNull();
	}

}
