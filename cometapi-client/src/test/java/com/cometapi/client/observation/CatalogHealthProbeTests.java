package com.cometapi.client.observation;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import reactor.core.publisher.Mono;

import com.cometapi.client.CometTemplate;
import com.cometapi.test.CometApiMockServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CatalogHealthProbe}, the optional active health check.
 */
class CatalogHealthProbeTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private CometTemplate template() {
		return CometTemplate.builder().baseUrl(mock.baseUrl()).apiKey("test-key").models("gpt-4o").build();
	}

	private CatalogHealthProbe probe(CometTemplate template) {
		return new CatalogHealthProbe(template::catalog, Duration.ofMinutes(1), Duration.ofSeconds(5), this.nanos::get);
	}

	@Test
	void startsPendingThenReportsTheCatalogReachable() {
		CatalogHealthProbe probe = probe(template());
		assertThat(probe.current().state()).isEqualTo(CatalogHealthProbe.State.PENDING);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> probe.current().state() == CatalogHealthProbe.State.REACHABLE);
		assertThat(probe.current().checkedAt()).isNotNull();
		assertThat(mock.server().requests()).singleElement()
			.satisfies((request) -> assertThat(request.path()).isEqualTo("/api/models"));
	}

	@Test
	void checksAtMostOncePerInterval() {
		CatalogHealthProbe probe = probe(template());
		probe.current();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> probe.current().state() == CatalogHealthProbe.State.REACHABLE);
		for (int i = 0; i < 20; i++) {
			probe.current();
		}
		assertThat(mock.server().requestCount()).isEqualTo(1);
		this.nanos.addAndGet(Duration.ofSeconds(61).toNanos());
		probe.current();
		await().atMost(Duration.ofSeconds(5)).until(() -> mock.server().requestCount() == 2);
	}

	@Test
	void anUnreachableCatalogDegradesHealth() {
		mock.server().catalog("{\"success\":");
		CometTemplate template = template();
		CatalogHealthProbe probe = probe(template);
		CometHealthEvaluator evaluator = new CometHealthEvaluator(template.getModelState(),
				new CometTrafficRecorder(10), Set.of("gpt-4o"), CometHealthEvaluator.Settings.DEFAULTS, probe);
		evaluator.evaluate();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> probe.current().state() == CatalogHealthProbe.State.UNREACHABLE);
		CometHealthEvaluator.Report report = evaluator.evaluate();
		assertThat(report.status()).isEqualTo(CometHealthEvaluator.Status.DEGRADED);
		@SuppressWarnings("unchecked")
		Map<String, Object> catalog = (Map<String, Object>) report.details().get("catalog");
		assertThat(catalog).containsEntry("state", "UNREACHABLE").containsKey("error");
	}

	@Test
	void withoutAProbeHealthNeverCallsTheApi() {
		CometTemplate template = template();
		CometHealthEvaluator evaluator = new CometHealthEvaluator(template.getModelState(),
				new CometTrafficRecorder(10), Set.of("gpt-4o"), CometHealthEvaluator.Settings.DEFAULTS);
		for (int i = 0; i < 10; i++) {
			assertThat(evaluator.evaluate().status()).isEqualTo(CometHealthEvaluator.Status.UP);
		}
		assertThat(mock.server().requestCount()).isZero();
	}

	@Test
	void aCatalogThatNeverAnswersIsUnreachableAfterTheTimeout() {
		CatalogHealthProbe probe = new CatalogHealthProbe(Mono::never, Duration.ofMinutes(1), Duration.ofMillis(50),
				this.nanos::get);
		probe.current();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> probe.current().state() == CatalogHealthProbe.State.UNREACHABLE);
		assertThat(probe.current().error()).startsWith("TimeoutException");
	}

	@Test
	void aHostileFailureMessageIsEscapedAndCutInTheHealthDetails() {
		String hostile = "\u001b[2J\u001b[31mFAKE ALERT\r\nlevel=ERROR " + "x".repeat(1_000_000);
		CatalogHealthProbe probe = new CatalogHealthProbe(() -> Mono.error(new IllegalStateException(hostile)),
				Duration.ofMinutes(1), Duration.ofSeconds(5), this.nanos::get);
		probe.current();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> probe.current().state() == CatalogHealthProbe.State.UNREACHABLE);
		assertThat(probe.current().error()).startsWith("IllegalStateException: ")
			.doesNotContain("\u001b")
			.doesNotContain("\n")
			.doesNotContain("\r")
			.hasSizeLessThan(1_000);
	}

	@Test
	void aTenMegabyteGarbageCatalogIsUnreachableWithABoundedError() {
		mock.server().catalog("\u001b[2J" + "A".repeat(10 * 1024 * 1024));
		CatalogHealthProbe probe = probe(template());
		probe.current();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> probe.current().state() == CatalogHealthProbe.State.UNREACHABLE);
		assertThat(probe.current().error()).doesNotContain("\u001b").hasSizeLessThan(1_000);
	}

}
