package com.cometapi.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.cometapi.client.CometClient;
import com.cometapi.client.CometTemplate;
import com.cometapi.client.cluster.ClusterRateLimiter;
import com.cometapi.client.cluster.ClusterRedis;
import com.cometapi.client.cluster.ClusterRetryBudget;
import com.cometapi.client.cluster.RedisFailureMode;
import com.cometapi.client.error.CometRateLimitException;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.Jitter;
import com.cometapi.client.resilience.RetrySettings;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's entry-point examples, copied here verbatim between
 * {@code // README: <name>} and {@code // README: end}: they compile with the build, run
 * against the mock, and a check fails when the README's code block and this copy differ
 * in anything but whitespace.
 */
class ReadmeExamplesTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final CometApiMockServer mock = CometApiMockServer.start();

	private final CometTemplate template = CometTemplate.builder()
		.baseUrl(this.mock.baseUrl())
		.apiKey("test-key")
		.models("gpt-4o-mini")
		.retry(new RetrySettings(1, Duration.ZERO, 1.0, Duration.ZERO, Jitter.NONE, false))
		.cooldown(CooldownSettings.DISABLED)
		.build();

	@AfterEach
	void close() {
		this.template.close();
		this.mock.close();
	}

	@Test
	void reactiveExampleAnswers() {
		ReactiveGreeter greeter = new ReactiveGreeter(this.template);
		assertThat(greeter.greet("Ada").block(WAIT)).isEqualTo("Hello from gpt-4o-mini");
		this.mock.anyModel().respond(MockResponse.stream("Once ", "upon a time"));
		assertThat(greeter.story().collect(Collectors.joining()).block(WAIT)).isEqualTo("Once upon a time");
	}

	@Test
	void blockingExampleAnswers() {
		BlockingGreeter greeter = new BlockingGreeter(CometClient.of(this.template));
		assertThat(greeter.greet("Ada")).isEqualTo("Hello from gpt-4o-mini");
		this.mock.anyModel().enqueue(MockResponse.rateLimited(Duration.ofMinutes(10)));
		assertThat(greeter.greet("Ada")).startsWith("Busy, try again later (request id ");
		this.mock.anyModel().respond(MockResponse.stream("Once ", "upon a time"));
		assertThat(greeter.story()).isEqualTo("Once upon a time");
	}

	@ParameterizedTest
	@ValueSource(strings = { "reactive-example", "blocking-example", "cluster-without-boot" })
	void readmeShowsTheCodeThatRunsHere(String example) throws IOException {
		Path readme = Path.of("..", "README.md");
		Path source = Path.of("src", "test", "java", "com", "cometapi", "autoconfigure", "ReadmeExamplesTests.java");
		String marker = "// README: " + example;
		Matcher block = Pattern.compile("```java\\n(" + Pattern.quote(marker) + "\\n.*?)```", Pattern.DOTALL)
			.matcher(Files.readString(readme));
		assertThat(block.find()).as("a ```java block starting with '%s' in README.md", marker).isTrue();
		String code = Files.readString(source);
		int start = code.indexOf("\t" + marker);
		assertThat(start).as("'%s' in %s", marker, source).isPositive();
		String copy = code.substring(start, code.indexOf("// README: end", start));
		assertThat(normalized(copy)).isEqualTo(normalized(block.group(1)));
	}

	private static String normalized(String code) {
		return code.replaceAll("\\s+", "");
	}

	// README: reactive-example
	@Service
	class ReactiveGreeter {

		private final CometTemplate comet;

		ReactiveGreeter(CometTemplate comet) {
			this.comet = comet;
		}

		Mono<String> greet(String name) {
			return this.comet.prompt("Say hello to " + name + ".").map(ChatCompletion::content);
		}

		Flux<String> story() {
			return this.comet.stream(ChatRequest.of(null, "Tell me a short story."))
				.mapNotNull(ChatCompletionChunk::contentDelta);
		}

	}
	// README: end

	// README: blocking-example
	@Service
	class BlockingGreeter {

		private final CometClient comet;

		BlockingGreeter(CometClient comet) {
			this.comet = comet;
		}

		String greet(String name) {
			try {
				return this.comet.prompt("Say hello to " + name + ".").content();
			}
			catch (CometRateLimitException ex) {
				return "Busy, try again later (request id " + ex.getRequestId() + ")";
			}
		}

		String story() {
			StringBuilder text = new StringBuilder();
			try (Stream<ChatCompletionChunk> chunks = this.comet
				.stream(ChatRequest.of(null, "Tell me a short story."))) {
				chunks.map(ChatCompletionChunk::contentDelta).filter(Objects::nonNull).forEach(text::append);
			}
			return text.toString();
		}

	}
	// README: end

	/**
	 * The README's Boot-free cluster example; compiled only (it needs Redis), its text
	 * checked by {@link #readmeShowsTheCodeThatRunsHere}.
	 */
	static final class ClusterWithoutBoot {

		private final String apiKey = "test-key";

		private final CometLimiter localLimiter = CometLimiter.unlimited();

		private final LongAdder failures = new LongAdder();

		// README: cluster-without-boot
		ClusterRedis redis = ClusterRedis.builder()
			.redisUrl("redis://redis:6379") // or redisClient(client, uri) to reuse yours
			.apiKey(apiKey) // only a hash of it names the keys
			.onRedisFailure(RedisFailureMode.FAIL_OPEN)
			.failureListener((operation, failure) -> failures.increment())
			.build();

		ClusterRetryBudget budget = new ClusterRetryBudget(redis, 0.2, 5, Duration.ofSeconds(10),
				Duration.ofSeconds(1));

		CometTemplate template = CometTemplate.builder()
			.apiKey(apiKey)
			.limiter(new ClusterRateLimiter(redis, localLimiter, 100, 100, Duration.ofSeconds(5)))
			.retryBudget(budget)
			.build();

		// README: end

	}

}
