package com.cometapi.client.resilience;

import java.time.Duration;
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

}
