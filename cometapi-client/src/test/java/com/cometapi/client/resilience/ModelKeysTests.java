package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ModelKeys} and the bounds of the per-model maps that use it.
 */
class ModelKeysTests {

	private static final int NAMES = 10_000;

	@Test
	void knownNamesKeepTheirKeyAndEveryOtherNameSharesOther() {
		ModelKeys keys = ModelKeys.of(List.of("gpt-4o", "claude-sonnet-4-5"));
		assertThat(keys.keyOf("gpt-4o")).isEqualTo("gpt-4o");
		assertThat(keys.keyOf("claude-sonnet-4-5")).isEqualTo("claude-sonnet-4-5");
		assertThat(keys.keyOf("gpt-4o-mini")).isEqualTo(ModelKeys.OTHER);
		assertThat(keys.keyOf("evil\nname")).isEqualTo(ModelKeys.OTHER);
		assertThat(keys.keyOf(null)).isEqualTo(ModelKeys.OTHER);
		assertThat(keys.admittedCount()).isZero();
	}

	@Test
	void aHugeNameOrOneWithControlCharactersIsNeverAdmitted() {
		ModelKeys keys = ModelKeys.of(List.of());
		String huge = "m".repeat(1_000_000);
		assertThat(keys.keyOf(huge)).isEqualTo(ModelKeys.OTHER);
		assertThat(keys.keyOf("m".repeat(ModelKeys.MAX_NAME_LENGTH + 1))).isEqualTo(ModelKeys.OTHER);
		assertThat(keys.keyOf("\u001b[31mgpt-4o")).isEqualTo(ModelKeys.OTHER);
		assertThat(keys.keyOf("gpt-4o\r\nlevel=ERROR")).isEqualTo(ModelKeys.OTHER);
		assertThat(keys.admittedCount()).isZero();
		String longest = "m".repeat(ModelKeys.MAX_NAME_LENGTH);
		assertThat(keys.keyOf(longest)).isEqualTo(longest);
		assertThat(keys.keyOf("gpt-4o-2024-08-06")).isEqualTo("gpt-4o-2024-08-06");
		assertThat(ModelKeys.of(List.of(huge)).keyOf(huge)).isEqualTo(huge);
	}

	@Test
	void namesATestAcceptsAreKnownToo() {
		Set<String> catalog = new java.util.concurrent.CopyOnWriteArraySet<>();
		ModelKeys keys = ModelKeys.of(List.of("gpt-4o")).alsoKnowing(catalog::contains);
		assertThat(keys.keyOf("deepseek-v3")).isEqualTo(ModelKeys.OTHER);
		catalog.add("deepseek-v3");
		assertThat(keys.keyOf("deepseek-v3")).isEqualTo("deepseek-v3");
		assertThat(keys.isKnown("deepseek-v3")).isTrue();
	}

	@Test
	void admitsExactlyTheBoundUnderRacingThreadsAndEveryNameKeepsOneKey() throws Exception {
		ModelKeys keys = ModelKeys.of(List.of());
		int threads = 8;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Map<String, String>>> results = new ArrayList<>();
		try {
			for (int t = 0; t < threads; t++) {
				int offset = t * 37;
				results.add(pool.submit(() -> {
					start.await();
					Map<String, String> seen = new HashMap<>();
					for (int i = 0; i < NAMES; i++) {
						String name = "name-" + ((i + offset) % NAMES);
						seen.put(name, keys.keyOf(name));
						assertThat(keys.keyOf(name)).isEqualTo(seen.get(name));
					}
					return seen;
				}));
			}
			start.countDown();
			Map<String, String> first = results.get(0).get(60, TimeUnit.SECONDS);
			for (Future<Map<String, String>> result : results) {
				assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(first);
			}
			assertThat(first.values().stream().filter((key) -> !key.equals(ModelKeys.OTHER)))
				.hasSize(ModelKeys.DEFAULT_MAX_ADMITTED);
			assertThat(keys.admittedCount()).isEqualTo(ModelKeys.DEFAULT_MAX_ADMITTED);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void limiterKeepsAtMostTheBoundOfModelsAndTheOverflowSharesOneLimit() {
		AdaptiveConcurrencyLimiter limiter = AdaptiveConcurrencyLimiter.builder()
			.adaptive(false)
			.maxInFlight(2)
			.maxQueued(10)
			.queueTimeout(Duration.ofMinutes(1))
			.model("configured", new ModelLimits(1, null, null))
			.build();
		for (int i = 0; i < ModelKeys.MAX_MODELS + NAMES; i++) {
			limiter.acquire("name-" + i).block(Duration.ofSeconds(1)).release(CometLimiter.Outcome.SUCCESS);
		}
		assertThat(limiter.snapshots()).hasSize(ModelKeys.MAX_MODELS + 1);
		assertThat(limiter.snapshot("configured").inFlight()).isZero();
		CometLimiter.Permit one = limiter.acquire("overflow-1").block(Duration.ofSeconds(1));
		CometLimiter.Permit two = limiter.acquire("overflow-2").block(Duration.ofSeconds(1));
		Mono<CometLimiter.Permit> third = limiter.acquire("overflow-3").cache();
		third.subscribe();
		assertThat(limiter.snapshot(ModelKeys.OTHER)).extracting(LimiterSnapshot::inFlight, LimiterSnapshot::queued)
			.containsExactly(2, 1);
		one.release(CometLimiter.Outcome.SUCCESS);
		third.block(Duration.ofSeconds(1)).release(CometLimiter.Outcome.SUCCESS);
		two.release(CometLimiter.Outcome.SUCCESS);
		assertThat(limiter.snapshot(ModelKeys.OTHER)).extracting(LimiterSnapshot::inFlight, LimiterSnapshot::queued)
			.containsExactly(0, 0);
		assertThat(limiter.acquire("configured").block(Duration.ofSeconds(1))).isNotNull();
		assertThat(limiter.snapshot("configured").inFlight()).isEqualTo(1);
	}

	@Test
	void cooldownKeepsAtMostTheBoundOfModelsAndNeverSkipsTheSharedKey() {
		ModelCooldown cooldown = new ModelCooldown(new CooldownSettings(true, 0.5, 2, 1, Duration.ofMinutes(1)));
		for (int i = 0; i < ModelKeys.MAX_MODELS + NAMES; i++) {
			cooldown.recordFailure("name-" + i);
			cooldown.recordFailure(ModelKeys.OTHER);
		}
		assertThat(cooldown.coolingDown()).hasSize(ModelKeys.MAX_MODELS).doesNotContainKey(ModelKeys.OTHER);
		assertThat(cooldown.isCoolingDown("name-0")).isTrue();
		assertThat(cooldown.isCoolingDown("name-" + ModelKeys.MAX_MODELS)).isFalse();
	}

}
