package com.cometapi.autoconfigure.cluster;

import java.net.ServerSocket;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.cometapi.autoconfigure.CometApiAutoConfiguration;
import com.cometapi.client.CometTemplate;
import com.cometapi.test.CometApiMockServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the cluster mode's failure metric, which needs Micrometer.
 */
class CometApiClusterMetricsTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CometApiAutoConfiguration.class, CometApiClusterAutoConfiguration.class))
		.withPropertyValues("cometapi.catalog.validate=off", "cometapi.api-key=sk-cluster-metrics-secret");

	@Test
	void countsRedisFailuresInAMetricAndGoesOnWhenFailOpen() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		this.contextRunner.withPropertyValues("cometapi.base-url=" + mock.baseUrl(), "cometapi.cluster.enabled=true",
				"cometapi.cluster.redis-url=redis://127.0.0.1:" + closedPort, "cometapi.cluster.requests-per-second=50")
			.withBean(SimpleMeterRegistry.class)
			.run((context) -> {
				context.getBean(CometTemplate.class).chat("gpt-4o", "Hi").block(Duration.ofSeconds(30));
				assertThat(mock.server().requestCount()).isEqualTo(1);
				assertThat(context.getBean(MeterRegistry.class)
					.get("cometapi.cluster.redis.failures")
					.counters()
					.stream()
					.mapToDouble(Counter::count)
					.sum()).isGreaterThanOrEqualTo(1);
			});
	}

}
