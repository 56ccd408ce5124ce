package com.cometapi.client.cluster;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Redis server for tests: the one {@code .ci/run} started (its URL in
 * {@code COMETAPI_TEST_REDIS_URL}), or a {@code redis-server} process of our own on a
 * free loopback port, which a test may kill and restart. Without both, tests skip with a
 * clear message, except under CI ({@code CI=true}) where they fail.
 * {@code COMETAPI_TEST_REDIS=off} skips them as if there were no Redis at all, even under
 * CI. Test classes use it through {@link RedisExtension}.
 */
public final class LocalRedis implements AutoCloseable {

	/**
	 * Environment variable with the URL of the Redis server {@code .ci/run} started.
	 */
	public static final String URL_VARIABLE = "COMETAPI_TEST_REDIS_URL";

	/**
	 * Environment variable that, set to {@code off}, skips every Redis test.
	 */
	public static final String SWITCH_VARIABLE = "COMETAPI_TEST_REDIS";

	private static final List<String> FIXED_DIRECTORIES = List.of("/usr/bin", "/usr/sbin", "/usr/local/bin");

	private static volatile Optional<String> skipReason;

	private final String binary;

	private final int port;

	private final String externalUrl;

	private Process process;

	private RedisClient testClient;

	private LocalRedis(String binary, int port, String externalUrl) {
		this.binary = binary;
		this.port = port;
		this.externalUrl = externalUrl;
	}

	/**
	 * Return a Redis server: the CI one if there is one, else a process of our own.
	 * @return the server, flushed
	 */
	public static LocalRedis shared() {
		abortIfSkipped();
		String url = System.getenv(URL_VARIABLE);
		if (url != null && !url.isBlank()) {
			LocalRedis redis = new LocalRedis(null, -1, url);
			redis.flushAll();
			return redis;
		}
		return ownProcess();
	}

	/**
	 * Start a {@code redis-server} process of our own, which the test may stop and
	 * restart.
	 * @return the running server
	 */
	public static LocalRedis ownProcess() {
		abortIfSkipped();
		String binary = binary(System.getenv(), Files::isExecutable);
		if (binary == null) {
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				Assertions.fail(unavailableMessage() + " (CI=true: the Redis tests must run)");
			}
			Assumptions.abort("redis-server is not installed: this test needs a server of its own to stop and start");
		}
		LocalRedis redis = new LocalRedis(binary, freePort(), null);
		redis.start();
		return redis;
	}

	/**
	 * Return why the Redis tests of this JVM skip, if they do; the first call prints the
	 * reason, once per JVM.
	 * @return the reason, or empty when they run (under CI without Redis they run, and
	 * fail)
	 */
	public static Optional<String> skipReason() {
		Optional<String> reason = skipReason;
		if (reason == null) {
			synchronized (LocalRedis.class) {
				reason = skipReason;
				if (reason == null) {
					reason = skipReason(System.getenv(), Files::isExecutable);
					reason.ifPresent((text) -> System.out.println("Redis tests skipped: " + text));
					skipReason = reason;
				}
			}
		}
		return reason;
	}

	static Optional<String> skipReason(Map<String, String> environment, Predicate<Path> executable) {
		if ("off".equalsIgnoreCase(environment.get(SWITCH_VARIABLE))) {
			return Optional.of(SWITCH_VARIABLE + "=off: the Redis tests run as on a machine without Redis");
		}
		String url = environment.get(URL_VARIABLE);
		if (url != null && !url.isBlank()) {
			return Optional.empty();
		}
		if (binary(environment, executable) == null && !"true".equalsIgnoreCase(environment.get("CI"))) {
			return Optional.of(unavailableMessage());
		}
		return Optional.empty();
	}

	private static void abortIfSkipped() {
		skipReason().ifPresent(Assumptions::abort);
	}

	private static String unavailableMessage() {
		return "redis-server is not installed and " + URL_VARIABLE
				+ " is unset: install it (apt-get install redis-server) to run the cluster tests";
	}

	private static String binary(Map<String, String> environment, Predicate<Path> executable) {
		String path = environment.get("PATH");
		List<String> directories = new ArrayList<>(List.of(((path != null) ? path : "").split(File.pathSeparator)));
		directories.addAll(FIXED_DIRECTORIES);
		for (String directory : directories) {
			Path candidate = Path.of(directory, "redis-server");
			if (!directory.isEmpty() && executable.test(candidate)) {
				return candidate.toString();
			}
		}
		return null;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the URL of the server.
	 * @return for example {@code redis://127.0.0.1:6390}
	 */
	public String url() {
		return (this.externalUrl != null) ? this.externalUrl : "redis://127.0.0.1:" + this.port;
	}

	/**
	 * Start (or restart, on the same port) our own process and wait until it answers.
	 */
	public void start() {
		if (this.binary == null) {
			throw new IllegalStateException("Only a redis-server process of our own can be started");
		}
		try {
			this.process = new ProcessBuilder(this.binary, "--port", String.valueOf(this.port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + this.binary, ex);
		}
		Awaitility.await("redis-server on port " + this.port)
			.atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(this::accepts);
	}

	/**
	 * Kill our own process at once, as a crash would.
	 */
	public void kill() {
		if (this.process != null) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	private boolean accepts() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Return a plain client for assertions, closed with this server.
	 * @return the client
	 */
	public RedisClient client() {
		if (this.testClient == null) {
			this.testClient = RedisClient.create(url());
		}
		return this.testClient;
	}

	/**
	 * Delete every key.
	 */
	public void flushAll() {
		withCommands((commands) -> commands.flushall());
	}

	/**
	 * Forget every loaded Lua script.
	 */
	public void flushScripts() {
		withCommands((commands) -> commands.scriptFlush());
	}

	/**
	 * Whether the server knows every Lua script of the shared limits.
	 * @return whether they are all loaded
	 */
	public boolean knowsTheScripts() {
		boolean[] known = new boolean[1];
		withCommands((commands) -> known[0] = commands
			.scriptExists(RateScript.RESERVE.sha(), RateScript.GIVE_BACK.sha(), BudgetScript.SYNC.sha())
			.stream()
			.allMatch(Boolean::booleanValue));
		return known[0];
	}

	/**
	 * Run commands on a short-lived connection.
	 * @param action what to run
	 */
	public void withCommands(java.util.function.Consumer<RedisCommands<String, String>> action) {
		try (StatefulRedisConnection<String, String> connection = client().connect()) {
			action.accept(connection.sync());
		}
	}

	@Override
	public void close() {
		if (this.testClient != null) {
			this.testClient.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		}
		kill();
	}

}
