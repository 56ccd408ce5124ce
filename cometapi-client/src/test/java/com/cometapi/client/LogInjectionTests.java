package com.cometapi.client;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.cometapi.logging.CapturedLogs;
import com.cometapi.logging.LogCaptureExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import com.cometapi.client.catalog.ModelCatalog;
import com.cometapi.client.error.CometApiException;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Model names and server bodies with line breaks and ANSI escapes reach log lines and
 * exception messages escaped: one line each, no forged line, no raw escape.
 */
@ExtendWith(LogCaptureExtension.class)
class LogInjectionTests {

	private static final String EVIL_MODEL = "evil\n2026-12-02 ERROR forged-by-model \u001b[31mred\u001b[0m";

	private static final String EVIL_BODY = "{\"error\":{\"message\":\"bad\\nERROR forged-by-server \\u001b[2J\","
			+ "\"type\":\"comet_api_error\",\"code\":\"\"}}";

	@RegisterExtension
	final CometApiMockServerExtension mockExtension = new CometApiMockServerExtension();

	private final CometApiMockServer mock = this.mockExtension.server();

	private CometTemplate template;

	@AfterEach
	void close() {
		if (this.template != null) {
			this.template.close();
		}
	}

	@Test
	void modelNameAndServerMessageAreEscapedInTheLogAndTheException(CapturedLogs output) {
		this.mock.anyModel().respond(MockResponse.json(503, EVIL_BODY));
		this.template = CometTemplate.builder()
			.baseUrl(this.mock.baseUrl())
			.apiKey("test-key")
			.retry(new RetrySettings(2, Duration.ofMillis(1), 1.0, Duration.ofMillis(1), Jitter.NONE, false))
			.build();
		assertThatExceptionOfType(CometApiException.class)
			.isThrownBy(() -> this.template.chat(EVIL_MODEL, "hi").block(Duration.ofSeconds(10)))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).doesNotContain("\n", "\u001b")
					.contains("evil\\n2026-12-02 ERROR forged-by-model \\u001b[31m")
					.contains("bad\\nERROR forged-by-server \\u001b[2J");
				assertThat(ex.getModel()).isEqualTo(EVIL_MODEL);
			});
		assertThat(this.mock.requestCount(EVIL_MODEL)).isEqualTo(2);
		assertThat(output.toString()).doesNotContain("\u001b");
		List<String> lines = output.toString().lines().filter((line) -> line.contains("forged-by")).toList();
		assertThat(lines).hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy((line) -> assertThat(line).contains("CometAPI attempt failed")
				.contains("model=evil\\n2026-12-02 ERROR forged-by-model \\u001b[31mred"));
	}

	@Test
	void catalogWarningKeepsAServerBodyOnOneLine(CapturedLogs output) {
		ModelCatalog catalog = new ModelCatalog(
				() -> Mono.error(new IllegalStateException("<html>\nERROR forged-by-catalog\r\n\u001b[0m")),
				Duration.ofMinutes(1), Schedulers.immediate());
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> catalog.refresh().block());
		List<String> lines = output.toString().lines().filter((line) -> line.contains("forged-by")).toList();
		assertThat(lines).singleElement()
			.asString()
			.contains("CometAPI catalog refresh failed")
			.contains("<html>\\nERROR forged-by-catalog\\r\\n\\u001b[0m");
		assertThat(output.toString()).doesNotContain("\u001b");
	}

}
