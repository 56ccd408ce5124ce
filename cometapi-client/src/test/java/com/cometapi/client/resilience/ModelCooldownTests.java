package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ModelCooldown}.
 */
class ModelCooldownTests {

	private final AtomicLong nanos = new AtomicLong(5_000_000_000L);

	private final ModelCooldown cooldown = new ModelCooldown(
			new CooldownSettings(true, 0.5, 10, 4, Duration.ofSeconds(30)), this.nanos::get);

	@Test
	void coolsDownAModelThatFailsMoreThanTheThreshold() {
		this.cooldown.recordSuccess("a");
		this.cooldown.recordFailure("a");
		this.cooldown.recordFailure("a");
		assertThat(this.cooldown.isCoolingDown("a")).isFalse();
		this.cooldown.recordFailure("a");
		assertThat(this.cooldown.isCoolingDown("a")).isTrue();
		assertThat(this.cooldown.coolingDown()).containsOnlyKeys("a");
		assertThat(this.cooldown.coolingDown().get("a")).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void doesNotCoolDownBeforeMinimumCalls() {
		this.cooldown.recordFailure("a");
		this.cooldown.recordFailure("a");
		this.cooldown.recordFailure("a");
		assertThat(this.cooldown.isCoolingDown("a")).isFalse();
	}

	@Test
	void doesNotCoolDownAtExactlyTheThreshold() {
		this.cooldown.recordSuccess("a");
		this.cooldown.recordSuccess("a");
		this.cooldown.recordFailure("a");
		this.cooldown.recordFailure("a");
		assertThat(this.cooldown.isCoolingDown("a")).isFalse();
	}

	@Test
	void recoversWhenTheCooldownEndsAndNeedsFreshEvidence() {
		for (int i = 0; i < 4; i++) {
			this.cooldown.recordFailure("a");
		}
		assertThat(this.cooldown.isCoolingDown("a")).isTrue();
		this.nanos.addAndGet(Duration.ofSeconds(31).toNanos());
		assertThat(this.cooldown.isCoolingDown("a")).isFalse();
		assertThat(this.cooldown.coolingDown()).isEmpty();
		this.cooldown.recordFailure("a");
		assertThat(this.cooldown.isCoolingDown("a")).isFalse();
	}

	@Test
	void keepsModelsIndependent() {
		for (int i = 0; i < 4; i++) {
			this.cooldown.recordFailure("a");
			this.cooldown.recordSuccess("b");
		}
		assertThat(this.cooldown.isCoolingDown("a")).isTrue();
		assertThat(this.cooldown.isCoolingDown("b")).isFalse();
	}

	@Test
	void disabledSettingsNeverCoolDown() {
		ModelCooldown disabled = new ModelCooldown(CooldownSettings.DISABLED, this.nanos::get);
		for (int i = 0; i < 100; i++) {
			disabled.recordFailure("a");
		}
		assertThat(disabled.isCoolingDown("a")).isFalse();
	}

	@Test
	void forcingCooldownsOnEndlesslyManyNamesKeepsTheStateBounded() {
		for (int i = 0; i < ModelKeys.MAX_MODELS + 5_000; i++) {
			this.cooldown.forceCooldown("model-" + i, Duration.ofMinutes(5));
		}
		assertThat(this.cooldown.coolingDown()).hasSize(ModelKeys.MAX_MODELS);
		assertThat(this.cooldown.isCoolingDown("model-" + (ModelKeys.MAX_MODELS + 1))).isFalse();
	}

	@Test
	void theSharedKeyIsNeverForcedIntoACooldown() {
		assertThat(this.cooldown.forceCooldown(ModelKeys.OTHER, Duration.ofMinutes(5))).isFalse();
		assertThat(this.cooldown.isCoolingDown(ModelKeys.OTHER)).isFalse();
		assertThat(this.cooldown.forceCooldown("a", Duration.ofMinutes(5))).isTrue();
		assertThat(this.cooldown.coolingDown()).containsOnlyKeys("a");
	}

	@Test
	void concurrentForcesEndsAndOutcomesLeaveAConsistentState() throws Exception {
		ModelCooldown shared = new ModelCooldown(new CooldownSettings(true, 0.5, 10, 4, Duration.ofSeconds(30)));
		ExecutorService threads = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Void>> done = new ArrayList<>();
		try {
			for (int t = 0; t < 8; t++) {
				int thread = t;
				done.add(CompletableFuture.runAsync(() -> {
					await(start);
					for (int i = 0; i < 5_000; i++) {
						switch ((thread + i) % 4) {
							case 0 -> shared.forceCooldown("a", Duration.ofMinutes(5));
							case 1 -> shared.endCooldown("a");
							case 2 -> shared.recordFailure("a");
							default -> shared.recordSuccess("a");
						}
					}
				}, threads));
			}
			start.countDown();
			CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		}
		finally {
			threads.shutdownNow();
		}
		shared.endCooldown("a");
		assertThat(shared.isCoolingDown("a")).isFalse();
		assertThat(shared.coolingDown()).isEmpty();
		shared.forceCooldown("a", Duration.ofMinutes(5));
		assertThat(shared.coolingDown()).containsOnlyKeys("a");
		assertThat(shared.coolingDown().get("a")).isLessThanOrEqualTo(Duration.ofMinutes(5));
		shared.recordSuccess("a");
		assertThat(shared.endCooldown("a")).isTrue();
		assertThat(shared.isCoolingDown("a")).isFalse();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
