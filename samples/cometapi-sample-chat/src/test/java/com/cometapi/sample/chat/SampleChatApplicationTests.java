package com.cometapi.sample.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test: without a key, the sample runs against the embedded mock and prints a
 * completion and the model list.
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class SampleChatApplicationTests {

	@Test
	void printsACompletionFromTheEmbeddedMock(CapturedOutput output) {
		assertThat(output).contains("No COMETAPI_KEY set: talking to the embedded CometAPI mock")
			.contains("Completion from gpt-4o-mini (1 attempt(s), request id ")
			.contains("Hello from gpt-4o-mini")
			.contains("Streamed: ")
			.contains("Price of gpt-4o-mini: input")
			.contains("models available");
	}

}
