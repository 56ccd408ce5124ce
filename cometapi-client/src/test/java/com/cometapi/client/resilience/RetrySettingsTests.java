package com.cometapi.client.resilience;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RetrySettings} and {@link ConnectionRetrySettings}.
 */
class RetrySettingsTests {

	@Test
	void theDefaultsRetryConnectionFailuresApartAndSoon() {
		assertThat(RetrySettings.DEFAULTS.maxAttempts()).isEqualTo(3);
		assertThat(RetrySettings.DEFAULTS.connection()).isEqualTo(ConnectionRetrySettings.DEFAULTS);
		assertThat(ConnectionRetrySettings.DEFAULTS.maxAttempts()).isEqualTo(10);
	}

	@Test
	void theSixValueConstructorCountsConnectionFailuresWithTheOthers() {
		RetrySettings settings = new RetrySettings(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), Jitter.NONE,
				true);
		assertThat(settings.connection()).isNull();
		assertThat(settings.connectionBackoff(2)).isEqualTo(Duration.ofMillis(200));
	}

	@Test
	void connectionBackoffGrowsByTheMultiplierUpToItsOwnCap() {
		RetrySettings settings = new RetrySettings(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), Jitter.NONE,
				true, new ConnectionRetrySettings(10, Duration.ofMillis(10), Duration.ofMillis(250)));
		assertThat(settings.connectionBackoff(1)).isEqualTo(Duration.ofMillis(10));
		assertThat(settings.connectionBackoff(5)).isEqualTo(Duration.ofMillis(160));
		assertThat(settings.connectionBackoff(6)).isEqualTo(Duration.ofMillis(250));
		assertThat(settings.connectionBackoff(9)).isEqualTo(Duration.ofMillis(250));
		assertThat(settings.backoff(1)).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void theDefaultConnectionDelaysAddUpToLittleMoreThanASecond() {
		RetrySettings settings = RetrySettings.DEFAULTS.withConnection(ConnectionRetrySettings.DEFAULTS);
		RetrySettings exact = new RetrySettings(3, settings.initialBackoff(), settings.multiplier(),
				settings.maxBackoff(), Jitter.NONE, true, settings.connection());
		Duration total = Duration.ZERO;
		for (int retry = 1; retry < ConnectionRetrySettings.DEFAULTS.maxAttempts(); retry++) {
			total = total.plus(exact.connectionBackoff(retry));
		}
		assertThat(total).isEqualTo(Duration.ofMillis(1310));
	}

	@Test
	void copiesKeepTheConnectionSettings() {
		ConnectionRetrySettings connection = new ConnectionRetrySettings(4, Duration.ZERO, Duration.ofMillis(5));
		RetrySettings settings = RetrySettings.DEFAULTS.withConnection(connection).withMaxAttempts(1);
		assertThat(settings.maxAttempts()).isEqualTo(1);
		assertThat(settings.connection()).isEqualTo(connection);
		assertThat(settings.withConnection(null).connection()).isNull();
	}

	@Test
	void rejectsConnectionSettingsOutOfRange() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ConnectionRetrySettings(0, Duration.ZERO, Duration.ZERO))
			.withMessageContaining("maxAttempts");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ConnectionRetrySettings(2, Duration.ofMillis(-1), Duration.ZERO))
			.withMessageContaining("initialBackoff");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ConnectionRetrySettings(2, Duration.ofMillis(10), Duration.ofMillis(5)))
			.withMessageContaining("maxBackoff");
	}

}
