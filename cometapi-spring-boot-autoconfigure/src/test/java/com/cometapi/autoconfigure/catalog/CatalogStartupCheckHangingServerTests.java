package com.cometapi.autoconfigure.catalog;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.cometapi.autoconfigure.CometApiAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up check in {@code fail} mode against a catalog server that accepts the
 * connection and never answers.
 */
class CatalogStartupCheckHangingServerTests {

	private static final String API_KEY = "sk-hanging-secret-4242";

	@Test
	@Timeout(value = 2, unit = TimeUnit.MINUTES)
	void failModeFailsStartUpWithinTheTimeoutNamesThePropertyAndLeavesNoConnectionOpen() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
			CompletableFuture<Boolean> closedByClient = CompletableFuture.supplyAsync(() -> readUntilClosed(server));
			ApplicationContextRunner runner = new ApplicationContextRunner()
				.withConfiguration(
						AutoConfigurations.of(CometApiAutoConfiguration.class, CometApiCatalogAutoConfiguration.class))
				.withPropertyValues("cometapi.base-url=http://127.0.0.1:" + server.getLocalPort(),
						"cometapi.api-key=" + API_KEY, "cometapi.models=gpt-4o", "cometapi.catalog.validate=fail",
						"cometapi.catalog.startup-timeout=300ms");
			long started = System.nanoTime();
			runner.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(CometCatalogValidationException.class)
					.hasMessageContaining("no answer within 300ms")
					.hasMessageContaining("cometapi.catalog.startup-timeout")
					.message()
					.doesNotContain(API_KEY);
			});
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
			assertThat(closedByClient.get(60, TimeUnit.SECONDS)).isTrue();
		}
	}

	private static boolean readUntilClosed(ServerSocket server) {
		try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
			socket.setSoTimeout(60_000);
			byte[] buffer = new byte[8192];
			while (in.read(buffer) != -1) {
				// read the request and wait: this server never answers
			}
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
