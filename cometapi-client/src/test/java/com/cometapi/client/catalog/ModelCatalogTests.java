package com.cometapi.client.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.wire.Usage;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.CometApiMockServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class ModelCatalogTests {

	private static final String CATALOG = """
			{"success":true,"page":0,"page_size":0,"total":3,"brand_new":"kept","data":[
			{"id":"gpt-4o","provider":"OpenAI","model_type":"chat","features":null,"context":128000,
			 "pricing":{"currency":"USD / M Tokens","input":2.5,"output":10,"per_request":null,"per_second":null,"tier":"std"}},
			{"id":"gpt-4o-mini","provider":null,"model_type":"chat","features":["streaming"],"pricing":null},
			{"id":"sora-2","model_type":"video","pricing":{"per_second":0.1}}]}""";

	private static final String HOSTILE_PRICES = """
			{"success":true,"data":[
			{"id":"huge","model_type":"chat","pricing":{"input":1e999999999,"output":1}},
			{"id":"tiny","model_type":"chat","pricing":{"input":1e-3000000,"output":1}},
			{"id":"tiniest","model_type":"chat","pricing":{"input":1,"output":1e-999999999}},
			{"id":"negative","model_type":"chat","pricing":{"per_request":-0.5}},
			{"id":"huge-zero","model_type":"chat","pricing":{"input":0E-999999999,"output":1}},
			{"id":"fine","model_type":"chat","pricing":{"input":1.50,"output":0}},
			{"id":"free","model_type":"chat","pricing":{"input":0.000000000000,"output":0}}]}""";

	@RegisterExtension
	static final CometApiMockServerExtension mockExtension = new CometApiMockServerExtension();

	private static final CometApiMockServer mock = mockExtension.server();

	private static CometTemplate comet;

	@BeforeAll
	static void start() {
		comet = CometTemplate.builder().baseUrl(mock.baseUrl()).apiKey("test-key").build();
	}

	@AfterAll
	static void stop() {
		comet.close();
	}

	@Test
	void readsNullsAndKeepsUnknownFields() {
		mock.catalog(CATALOG);
		ModelCatalog catalog = ModelCatalog.of(comet::catalog, Duration.ofHours(1));
		catalog.refresh().block(Duration.ofSeconds(30));
		assertThat(catalog.current().get().extras()).containsEntry("brand_new", "kept");
		CatalogModel gpt4o = catalog.find("gpt-4o").get();
		assertThat(gpt4o.features()).isNull();
		assertThat(gpt4o.extras()).containsKey("context");
		assertThat(gpt4o.pricing().output()).isEqualByComparingTo("10");
		assertThat(gpt4o.pricing().perRequest()).isNull();
		assertThat(gpt4o.pricing().extras()).containsEntry("tier", "std");
		assertThat(catalog.find("gpt-4o-mini").get().provider()).isNull();
		assertThat(catalog.pricing("gpt-4o-mini")).isEmpty();
		assertThat(catalog.pricing("sora-2").get().perSecond()).isEqualByComparingTo("0.1");
		assertThat(catalog.find("nope")).isEmpty();
		assertThat(mock.requests().get(0).header("authorization")).isNull();
	}

	@Test
	void treatsPricesOutOfRangeAsUnknown() {
		mock.catalog(HOSTILE_PRICES);
		ModelCatalog catalog = ModelCatalog.of(comet::catalog, Duration.ofHours(1));
		catalog.refresh().block(Duration.ofSeconds(30));
		assertThat(catalog.pricing("huge")).isEmpty();
		assertThat(catalog.pricing("tiny")).isEmpty();
		assertThat(catalog.pricing("tiniest")).isEmpty();
		assertThat(catalog.pricing("negative")).isEmpty();
		assertThat(catalog.pricing("huge-zero")).isEmpty();
		assertThat(catalog.find("huge").get().modelType()).isEqualTo("chat");
		assertThat(catalog.current().get().data()).extracting(CatalogModel::pricing)
			.filteredOn(Objects::nonNull)
			.hasSize(2);
		assertThat(catalog.pricing("fine").get().input()).isEqualByComparingTo("1.50");
		assertThat(catalog.pricing("free").get().input()).isZero();
		CostEstimator estimator = new CostEstimator(catalog);
		Usage usage = new Usage(1_000, 500, 1_500, null, null, null);
		for (String model : List.of("huge", "tiny", "tiniest", "negative", "huge-zero")) {
			assertThat(estimator.estimate(model, usage.promptTokens(), usage.completionTokens())).isNull();
		}
		assertThat(estimator.estimate("fine", usage.promptTokens(), usage.completionTokens()))
			.isEqualByComparingTo("0.0015");
	}

	@Test
	void keepsLastGoodCopyWhenRefreshFails() {
		ModelCatalog catalog = ModelCatalog.of(comet::catalog, Duration.ofHours(1));
		catalog.refresh().block(Duration.ofSeconds(30));
		mock.catalog("{not json");
		assertThatException().isThrownBy(() -> catalog.refresh().block(Duration.ofSeconds(30)));
		mock.catalog("{\"success\":false,\"data\":null}");
		assertThatException().isThrownBy(() -> catalog.refresh().block(Duration.ofSeconds(30)));
		assertThat(catalog.find("gpt-4o-mini")).isPresent();
		assertThat(mock.requestCount()).isEqualTo(3);
	}

	@Test
	void suggestsClosestIds() {
		ModelCatalog catalog = ModelCatalog.of(comet::catalog, Duration.ofHours(1));
		catalog.refresh().block(Duration.ofSeconds(30));
		assertThat(catalog.closestIds("gpt-4o-mnii", 2)).containsExactly("gpt-4o-mini", "gpt-4o");
		assertThat(catalog.closestIds("Claude-Sonnet-4.5", 3)).first().isEqualTo("claude-sonnet-4-5");
		assertThat(catalog.closestIds("something-else-entirely", 3)).isEmpty();
	}

	@Test
	void refreshesOnScheduleUntilStopped() {
		VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
		AtomicInteger reads = new AtomicInteger();
		ModelCatalog catalog = new ModelCatalog(() -> Mono.fromSupplier(() -> {
			reads.incrementAndGet();
			return new CatalogResponse(true, 0, 0, 0, java.util.List.of(), null);
		}), Duration.ofMinutes(10), scheduler);
		catalog.start();
		assertThat(reads).hasValue(0);
		scheduler.advanceTimeBy(Duration.ofMinutes(30));
		assertThat(reads).hasValue(3);
		assertThat(catalog.isRunning()).isTrue();
		catalog.stop();
		scheduler.advanceTimeBy(Duration.ofMinutes(30));
		assertThat(reads).hasValue(3);
		assertThat(catalog.isRunning()).isFalse();
	}

	@Test
	void keepsRefreshingAfterAFailedRefresh() {
		VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
		AtomicInteger reads = new AtomicInteger();
		ModelCatalog catalog = new ModelCatalog(
				() -> Mono.defer(() -> (reads.incrementAndGet() == 1) ? Mono.error(new IllegalStateException("down"))
						: Mono.just(new CatalogResponse(true, 0, 0, 0, java.util.List.of(), null))),
				Duration.ofMinutes(1), scheduler);
		catalog.start();
		scheduler.advanceTimeBy(Duration.ofMinutes(2));
		assertThat(reads).hasValue(2);
		assertThat(catalog.current()).isPresent();
		catalog.close();
	}

}
