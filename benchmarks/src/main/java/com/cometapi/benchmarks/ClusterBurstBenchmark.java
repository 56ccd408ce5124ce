package com.cometapi.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.cluster.ClusterRateLimiter;
import com.cometapi.client.cluster.ClusterRedis;
import com.cometapi.client.cluster.ClusterRetryBudget;
import com.cometapi.client.resilience.AdaptiveConcurrencyLimiter;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.test.CometApiMockServer;
import com.cometapi.test.MockResponse;

/**
 * A start-up burst of two instances against one server: the mock in capacity mode (200
 * requests/s, 429 beyond), two fresh templates with the starter's default limiter, 64
 * callers each, 3,000 calls in all, started at once. Without cluster mode, and with it
 * (shared rate set to the server's capacity, shared retry budget; Redis on loopback),
 * connected lazily by the first call as before, and connected with its scripts loaded at
 * start-up as the auto-configuration does now. Rounds alternate between the scenarios.
 * Writes {@code benchmarks/results/cluster-burst.md}.
 * <p>
 * Needs {@code redis-server} (on the PATH or in {@code /usr/bin}, {@code /usr/sbin},
 * {@code /usr/local/bin}) or a running server's URL in {@code COMETAPI_TEST_REDIS_URL}.
 * Run: {@code ./mvnw -B -Pbenchmarks -pl benchmarks -am -DskipTests package exec:java
 * -Dexec.args=cluster}; not part of a run without arguments.
 *
 * @author CometAPI team
 */
public final class ClusterBurstBenchmark {

	private static final String KEY = "benchmark-cluster-key";

	private static final int INSTANCES = 2;

	private static final int CALLERS = 64;

	private static final int CALLS = 3000;

	private static final int RATE = 200;

	private static final int LATENCY_MILLIS = 20;

	private static final int ROUNDS = 2;

	private ClusterBurstBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		try (Redis redis = Redis.start(); CometApiMockServer mock = CometApiMockServer.start()) {
			warmUp(mock);
			List<String> scenarios = List.of("no cluster mode", "cluster, connected by the first call",
					"cluster, connected at start-up");
			List<List<Row>> rows = new ArrayList<>();
			scenarios.forEach((scenario) -> rows.add(new ArrayList<>()));
			for (int round = 0; round < ROUNDS; round++) {
				for (int i = 0; i < scenarios.size(); i++) {
					redis.flush();
					Row row = run(mock, redis, i);
					System.out.println(scenarios.get(i) + ", round " + (round + 1) + ": " + row);
					rows.get(i).add(row);
				}
			}
			StringBuilder table = new StringBuilder(String.format(Locale.ROOT, """
					Server: %d requests/s (429 beyond; its bucket starts full), %d ms latency. %d instances (templates \
					with their own adaptive limiter at the starter's defaults and, in cluster mode, their own Redis \
					connection), %d callers each, %d calls in all, started at once. Cluster mode: \
					requests-per-second %d, burst %d, redis-timeout 200ms, shared retry budget. %d rounds, \
					alternating. Redis failures are commands that failed or timed out, each a call that went on \
					under its local limits alone (fail-open). Run with `-Dexec.args=cluster`.

					| scenario | round | wall time | 429s drawn | failed calls | Redis failures (fell open) |
					|---|---|---|---|---|---|
					""", RATE, LATENCY_MILLIS, INSTANCES, CALLERS, CALLS, RATE, RATE / 10, ROUNDS));
			for (int i = 0; i < scenarios.size(); i++) {
				for (int round = 0; round < ROUNDS; round++) {
					Row row = rows.get(i).get(round);
					table.append(String.format(Locale.ROOT, "| %s | %d | %.1f s | %d | %d | %d |%n", scenarios.get(i),
							round + 1, row.wallSeconds(), row.rateLimited(), row.failed(), row.redisFailures()));
				}
			}
			new Report("cluster-burst", "Start-up burst of two instances under a shared rate").append(table.toString())
				.append("\n")
				.chart("chart", "429s drawn by a start-up burst (" + CALLS + " calls)", "429s", scenarios,
						List.of(new Report.Series("429s, mean of the rounds",
								rows.stream()
									.map((runs) -> runs.stream().mapToInt(Row::rateLimited).average().orElse(0))
									.toList())))
				.write();
		}
	}

	private static void warmUp(CometApiMockServer mock) {
		mock.anyModel().respond(MockResponse.ok());
		try (CometTemplate comet = CometTemplate.builder().baseUrl(mock.baseUrl()).apiKey(KEY).build()) {
			Flux.range(0, 2000).flatMap((i) -> comet.chat("warm-up", "hi"), 64).then().block(Duration.ofMinutes(2));
		}
	}

	private static Row run(CometApiMockServer mock, Redis redis, int scenario) {
		mock.reset();
		mock.anyModel().respond(MockResponse.ok().delay(Duration.ofMillis(LATENCY_MILLIS)));
		mock.capacity(RATE, 0);
		AtomicInteger redisFailures = new AtomicInteger();
		List<AutoCloseable> resources = new ArrayList<>();
		List<CometTemplate> instances = new ArrayList<>();
		for (int i = 0; i < INSTANCES; i++) {
			CometLimiter limiter = AdaptiveConcurrencyLimiter.builder().build();
			RetryBudget budget = RetryBudget.of(0.2, 10, Duration.ofSeconds(10));
			if (scenario > 0) {
				ClusterRedis connection = ClusterRedis.builder()
					.redisUrl(redis.url())
					.apiKey(KEY)
					.failureListener((operation, ex) -> redisFailures.incrementAndGet())
					.build();
				if (scenario == 2) {
					connection.connectNow();
				}
				ClusterRetryBudget shared = new ClusterRetryBudget(connection, 0.2, 10, Duration.ofSeconds(10),
						Duration.ofSeconds(1));
				resources.add(connection);
				resources.add(shared);
				limiter = new ClusterRateLimiter(connection, limiter, RATE, RATE / 10, Duration.ofSeconds(30));
				budget = shared;
			}
			CometTemplate comet = CometTemplate.builder()
				.baseUrl(mock.baseUrl())
				.apiKey(KEY)
				.limiter(limiter)
				.retryBudget(budget)
				.timeout(Duration.ofMinutes(2))
				.build();
			resources.add(comet);
			instances.add(comet);
		}
		AtomicInteger failed = new AtomicInteger();
		long start = System.nanoTime();
		Flux.fromIterable(instances)
			.flatMap((comet) -> Flux.range(0, CALLS / INSTANCES)
				.flatMap((i) -> comet.chat("gpt-4o", "call " + i).then().onErrorResume((ex) -> {
					failed.incrementAndGet();
					return Mono.empty();
				}), CALLERS))
			.then()
			.block(Duration.ofMinutes(10));
		double wall = (System.nanoTime() - start) / 1e9;
		Row row = new Row(wall, mock.rateLimitedCount(), failed.get(), redisFailures.get());
		for (AutoCloseable resource : resources) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		return row;
	}

	private record Row(double wallSeconds, int rateLimited, int failed, int redisFailures) {

	}

	/**
	 * A Redis server on loopback: the one in {@code COMETAPI_TEST_REDIS_URL}, or a
	 * {@code redis-server} process of our own.
	 */
	private static final class Redis implements AutoCloseable {

		private final String url;

		private final Process process;

		private final RedisClient client;

		private Redis(String url, Process process) {
			this.url = url;
			this.process = process;
			this.client = RedisClient.create(url);
		}

		static Redis start() throws IOException {
			String url = System.getenv("COMETAPI_TEST_REDIS_URL");
			if (url != null && !url.isBlank()) {
				return new Redis(url, null);
			}
			int port;
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				port = socket.getLocalPort();
			}
			Process process = new ProcessBuilder(binary(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!accepts(port)) {
				if (System.nanoTime() > deadline) {
					process.destroyForcibly();
					throw new IllegalStateException("redis-server did not start on port " + port);
				}
				sleep();
			}
			return new Redis("redis://127.0.0.1:" + port, process);
		}

		private static void sleep() {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private static String binary() {
			List<String> directories = new ArrayList<>(
					List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
			directories.addAll(List.of("/usr/bin", "/usr/sbin", "/usr/local/bin"));
			return directories.stream()
				.filter((directory) -> !directory.isEmpty())
				.map((directory) -> Path.of(directory, "redis-server"))
				.filter(Files::isExecutable)
				.findFirst()
				.map(Path::toString)
				.orElseThrow(() -> new IllegalStateException(
						"The cluster benchmark needs redis-server (apt-get install redis-server) or COMETAPI_TEST_REDIS_URL"));
		}

		private static boolean accepts(int port) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		}

		String url() {
			return this.url;
		}

		void flush() {
			try (StatefulRedisConnection<String, String> connection = this.client.connect()) {
				connection.sync().flushall();
				connection.sync().scriptFlush();
			}
		}

		@Override
		public void close() {
			this.client.shutdown();
			if (this.process != null) {
				this.process.destroyForcibly();
			}
		}

	}

}
