package com.cometapi.client.observation;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.error.CometBadRequestException;
import com.cometapi.client.resilience.ModelKeys;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.MockResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Checks the GenAI client metrics and spans against OpenTelemetry's semantic conventions
 * (docs/gen-ai/gen-ai-metrics.md and gen-ai-spans.md, 1.37 and later): names, instrument
 * types, units, attributes and bucket boundaries, copied here from the specification's
 * text rather than from the code under test.
 */
class CometGenAiMeterObservationHandlerTests {

	/** The specification's ExplicitBucketBoundaries of the two duration histograms. */
	private static final List<Double> SPEC_DURATION_BUCKETS = List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28,
			2.56, 5.12, 10.24, 20.48, 40.96, 81.92);

	/** The specification's ExplicitBucketBoundaries of gen_ai.client.token.usage. */
	private static final List<Double> SPEC_TOKEN_BUCKETS = List.of(1d, 4d, 16d, 64d, 256d, 1024d, 4096d, 16384d, 65536d,
			262144d, 1048576d, 4194304d, 16777216d, 67108864d);

	/** Required, conditionally required (when available) and recommended attributes. */
	private static final Set<String> DURATION_ATTRIBUTES = Set.of("gen_ai.operation.name", "gen_ai.provider.name",
			"gen_ai.request.model", "server.port", "gen_ai.response.model", "server.address");

	private static final Set<String> TOKEN_ATTRIBUTES = Set.of("gen_ai.operation.name", "gen_ai.provider.name",
			"gen_ai.token.type", "gen_ai.request.model", "server.port", "gen_ai.response.model", "server.address");

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final AtomicReference<CometCallContext> lastCall = new AtomicReference<>();

	private CometTemplate template() {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new CometGenAiMeterObservationHandler(this.meters));
		observations.observationConfig().observationHandler(new ObservationHandler<CometCallContext>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof CometCallContext;
			}

			@Override
			public void onStop(CometCallContext context) {
				CometGenAiMeterObservationHandlerTests.this.lastCall.set(context);
			}

		});
		return CometTemplate.builder()
			.baseUrl(mock.baseUrl())
			.apiKey("sk-spec-secret-1")
			.observationRegistry(observations)
			.build();
	}

	@Test
	void operationDurationIsAHistogramInSecondsWithTheSpecsBucketsAndAttributes() {
		try (CometTemplate template = template()) {
			template.chat(ChatRequest.of("gpt-4o", "Hi")).block(Duration.ofSeconds(10));
		}
		Timer duration = this.meters.get("gen_ai.client.operation.duration").timer();
		assertThat(duration.count()).isEqualTo(1);
		assertThat(duration.baseTimeUnit()).isEqualTo(TimeUnit.SECONDS);
		assertThat(tagKeys(duration)).isEqualTo(DURATION_ATTRIBUTES);
		assertThat(duration.getId().getTag("gen_ai.operation.name")).isEqualTo("chat");
		assertThat(duration.getId().getTag("gen_ai.provider.name")).isEqualTo("cometapi");
		assertThat(duration.getId().getTag("gen_ai.request.model")).isEqualTo("gpt-4o");
		assertThat(duration.getId().getTag("server.address")).isEqualTo("127.0.0.1");
		assertThat(duration.getId().getTag("server.port")).isEqualTo(String.valueOf(mock.server().port()));
		assertThat(buckets(duration.takeSnapshot().histogramCounts(), true)).isEqualTo(SPEC_DURATION_BUCKETS);
	}

	@Test
	void errorTypeIsSetOnlyWhenTheOperationFailed() {
		mock.server().model("gpt-4o").enqueue(MockResponse.badRequest());
		try (CometTemplate template = template()) {
			assertThatExceptionOfType(CometBadRequestException.class)
				.isThrownBy(() -> template.chat(ChatRequest.of("gpt-4o", "Hi")).block(Duration.ofSeconds(10)));
			template.chat(ChatRequest.of("gpt-4o", "Hi")).block(Duration.ofSeconds(10));
		}
		List<Timer> durations = List.copyOf(this.meters.get("gen_ai.client.operation.duration").timers());
		assertThat(durations).hasSize(2);
		assertThat(durations).filteredOn((timer) -> timer.getId().getTag("error.type") != null)
			.singleElement()
			.satisfies((failed) -> {
				assertThat(failed.getId().getTag("error.type")).isEqualTo("CometBadRequestException");
				assertThat(failed.getId().getTag("gen_ai.response.model")).isNull();
			});
		assertThat(this.meters.find("gen_ai.client.token.usage").summaries()).hasSize(2)
			.allSatisfy((summary) -> assertThat(summary.getId().getTag("error.type")).isNull());
	}

	@Test
	void tokenUsageIsAHistogramOfTokensByTypeWithTheSpecsBucketsAndAttributes() {
		try (CometTemplate template = template()) {
			template.chat(ChatRequest.of("gpt-4o", "Hi")).block(Duration.ofSeconds(10));
		}
		DistributionSummary input = this.meters.get("gen_ai.client.token.usage")
			.tag("gen_ai.token.type", "input")
			.summary();
		DistributionSummary output = this.meters.get("gen_ai.client.token.usage")
			.tag("gen_ai.token.type", "output")
			.summary();
		assertThat(input.getId().getBaseUnit()).isEqualTo("{token}");
		assertThat(tagKeys(input)).isEqualTo(TOKEN_ATTRIBUTES);
		assertThat(tagKeys(output)).isEqualTo(TOKEN_ATTRIBUTES);
		assertThat(input.totalAmount()).isEqualTo(11);
		assertThat(output.totalAmount()).isEqualTo(7);
		assertThat(input.getId().getTag("gen_ai.response.model")).isEqualTo("gpt-4o");
		assertThat(buckets(input.takeSnapshot().histogramCounts(), false)).isEqualTo(SPEC_TOKEN_BUCKETS);
	}

	@Test
	void timeToFirstChunkIsRecordedForStreamedCallsOnly() {
		try (CometTemplate template = template()) {
			template.chat(ChatRequest.of("gpt-4o", "Hi")).block(Duration.ofSeconds(10));
			template.stream(ChatRequest.of("gpt-4o", "Hi")).blockLast(Duration.ofSeconds(10));
		}
		Timer firstChunk = this.meters.get("gen_ai.client.operation.time_to_first_chunk").timer();
		assertThat(firstChunk.count()).isEqualTo(1);
		assertThat(firstChunk.baseTimeUnit()).isEqualTo(TimeUnit.SECONDS);
		assertThat(tagKeys(firstChunk)).isEqualTo(DURATION_ATTRIBUTES);
		assertThat(buckets(firstChunk.takeSnapshot().histogramCounts(), true)).isEqualTo(SPEC_DURATION_BUCKETS);
		assertThat(this.meters.get("gen_ai.client.operation.duration").timer().count()).isEqualTo(2);
		assertThat(this.meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").summary().count())
			.isEqualTo(2);
		assertThat(this.meters.find("cometapi.client.time_to_first_token").meters()).isEmpty();
	}

	@Test
	void callSpanIsAClientSpanNamedOperationAndModel() {
		try (CometTemplate template = template()) {
			template.chat(ChatRequest.of("gpt-4o", "Hi")).block(Duration.ofSeconds(10));
		}
		CometCallContext call = this.lastCall.get();
		assertThat(call).isInstanceOf(SenderContext.class);
		assertThat(call.getKind()).isEqualTo(Kind.CLIENT);
		assertThat(call.getContextualName()).isEqualTo("chat gpt-4o");
		assertThat(call.getLowCardinalityKeyValue("server.address").getValue()).isEqualTo("127.0.0.1");
		assertThat(call.getHighCardinalityKeyValue("gen_ai.usage.input_tokens").getValue()).isEqualTo("11");
		assertThat(call.getHighCardinalityKeyValue("gen_ai.usage.output_tokens").getValue()).isEqualTo("7");
		assertThat(call.getHighCardinalityKeyValue("gen_ai.response.id").getValue()).startsWith("chatcmpl-");
		assertThat(call.getHighCardinalityKeyValue("gen_ai.response.finish_reasons").getValue()).isEqualTo("stop");
	}

	@Test
	void tenThousandUserChosenModelNamesCreateABoundedNumberOfMeters() {
		try (CometTemplate template = template()) {
			for (String hostile : new String[] { "\u001b[31mgpt-4o\r\nlevel=ERROR", "m".repeat(100_000) }) {
				template.chat(ChatRequest.of(hostile, "Hi")).block(Duration.ofSeconds(10));
			}
			ObservationRegistry observations = ObservationRegistry.create();
			observations.observationConfig().observationHandler(new CometGenAiMeterObservationHandler(this.meters));
			for (int i = 0; i < 10_000; i++) {
				String model = switch (i % 4) {
					case 0 -> "user-model-" + i;
					case 1 -> "\u001b[31muser-model-" + i + "\r\nlevel=ERROR";
					case 2 -> "m".repeat(10_000) + i;
					default -> "gpt-4o";
				};
				CometCallContext context = new CometCallContext("chat", null,
						template.getModelState().getModelKeys().keyOf(model));
				Observation.createNotStarted(new DefaultCometCallObservationConvention(), () -> context, observations)
					.start()
					.stop();
			}
		}
		List<Meter> meters = this.meters.getMeters()
			.stream()
			.filter((meter) -> meter.getId().getType() != Meter.Type.GAUGE)
			.toList();
		assertThat(meters.stream().map((meter) -> meter.getId().getTag("gen_ai.request.model")).distinct())
			.hasSize(ModelKeys.DEFAULT_MAX_ADMITTED + 1)
			.contains(ModelKeys.OTHER, "gpt-4o");
		assertThat(meters).hasSizeLessThanOrEqualTo(3 * (ModelKeys.DEFAULT_MAX_ADMITTED + 1));
		assertThat(meters).allSatisfy((meter) -> assertThat(meter.getId().getTag("gen_ai.request.model"))
			.hasSizeLessThanOrEqualTo(ModelKeys.MAX_NAME_LENGTH)
			.doesNotContain("\u001b")
			.doesNotContain("\n"));
	}

	@Test
	void negativeAndHugeTokenCountsFromTheServerNeitherFailNorShowAsBogusValues() {
		mock.server().model("gpt-4o").enqueue(MockResponse.ok().usage(-5, Integer.MAX_VALUE));
		try (CometTemplate template = template()) {
			template.chat(ChatRequest.of("gpt-4o", "Hi")).block(Duration.ofSeconds(10));
		}
		DistributionSummary input = this.meters.get("gen_ai.client.token.usage")
			.tag("gen_ai.token.type", "input")
			.summary();
		DistributionSummary output = this.meters.get("gen_ai.client.token.usage")
			.tag("gen_ai.token.type", "output")
			.summary();
		assertThat(input.count()).isZero();
		assertThat(output.totalAmount()).isEqualTo(Integer.MAX_VALUE);
		CometCallContext call = this.lastCall.get();
		assertThat(call.getHighCardinalityKeyValue("gen_ai.usage.input_tokens")).isNull();
		assertThat(call.getHighCardinalityKeyValue("gen_ai.usage.output_tokens").getValue())
			.isEqualTo(String.valueOf(Integer.MAX_VALUE));
	}

	private static Set<String> tagKeys(Meter meter) {
		return meter.getId().getTags().stream().map((tag) -> tag.getKey()).collect(Collectors.toSet());
	}

	private static List<Double> buckets(CountAtBucket[] counts, boolean seconds) {
		return Arrays.stream(counts)
			.map((count) -> seconds ? count.bucket(TimeUnit.SECONDS) : count.bucket())
			.map((value) -> Math.round(value * 1000) / 1000.0)
			.toList();
	}

}
