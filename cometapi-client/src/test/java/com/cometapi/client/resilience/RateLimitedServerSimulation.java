package com.cometapi.client.resilience;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import com.cometapi.client.resilience.CometLimiter.Outcome;

/**
 * Callers behind an {@link AdaptiveConcurrencyLimiter} with the defaults against a
 * gateway's token bucket, in virtual time: every answer takes a round trip of a
 * millisecond, a request without a token is answered 429 at once, the others after the
 * latency. Like a real event loop, a granted request reaches the server up to
 * {@code jitterMillis} late (uniform, seeded), and an admitted one is answered up to
 * {@code jitterMillis} later than the latency: two sends granted apart can land close
 * together. A 429 is retried like the executor does, after {@code Retry-After} or a
 * full-jitter backoff from a seeded random, up to {@link RetrySettings#DEFAULTS}'
 * attempts.
 */
final class RateLimitedServerSimulation {

	static final String MODEL = "m";

	private static final long RTT_NANOS = 1_000_000L;

	private RateLimitedServerSimulation() {
	}

	/**
	 * One shape of the family.
	 *
	 * @param rate the server's tokens per second
	 * @param burst the server's bucket, full at the start
	 * @param callers calls in flight at once
	 * @param latencyMillis time to answer an admitted request
	 * @param retryAfter whether a 429 carries {@code Retry-After: 1}
	 * @param seconds calls sent, in seconds of the rate
	 * @param jitterMillis most a send and an answer are late
	 */
	record Shape(double rate, int burst, int callers, int latencyMillis, boolean retryAfter, int seconds,
			int jitterMillis) {

		int calls() {
			return (int) Math.round(this.rate * this.seconds);
		}

		double floorSeconds() {
			double byRate = Math.max(0, calls() - this.burst) / this.rate;
			double byCallers = (double) calls() * (this.latencyMillis + 1) / 1000.0 / this.callers;
			return Math.max(byRate, byCallers);
		}

		@Override
		public String toString() {
			return String.format(java.util.Locale.ROOT, "rate %.0f burst %d callers %d latency %d ms %s jitter %d ms",
					this.rate, this.burst, this.callers, this.latencyMillis,
					this.retryAfter ? "Retry-After 1 s" : "no Retry-After", this.jitterMillis);
		}

	}

	/**
	 * What a run measured.
	 *
	 * @param shape the shape
	 * @param wallSeconds until the last call ended
	 * @param requests requests the server received
	 * @param failed calls that failed
	 * @param pace the limiter's pace at the end
	 */
	record Result(Shape shape, double wallSeconds, long requests, int failed, double pace) {

		double wallOverFloor() {
			return this.wallSeconds / this.shape.floorSeconds();
		}

		double requestsPerCall() {
			return (double) this.requests / this.shape.calls();
		}

		@Override
		public String toString() {
			return String.format(java.util.Locale.ROOT,
					"%s: wall %.2f s = %.3fx floor, %.3f requests per call, %d failed, pace %.1f", this.shape,
					this.wallSeconds, wallOverFloor(), requestsPerCall(), this.failed, this.pace);
		}

	}

	static Result run(Shape shape, long seed) {
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		AdaptiveConcurrencyLimiter limiter = AdaptiveConcurrencyLimiter.builder()
			.scheduler(time)
			.clock(() -> time.now(TimeUnit.NANOSECONDS))
			.build();
		TokenBucketServer server = new TokenBucketServer(shape.rate(), shape.burst(), 0);
		Random random = new Random(seed);
		AtomicLong requests = new AtomicLong();
		AtomicInteger failed = new AtomicInteger();
		AtomicLong end = new AtomicLong(-1);
		int attempts = RetrySettings.DEFAULTS.maxAttempts();
		Flux.range(0, shape.calls())
			.flatMap((i) -> attempt(limiter, server, shape, time, random, requests, 1, attempts).onErrorResume((ex) -> {
				failed.incrementAndGet();
				return Mono.empty();
			}), shape.callers())
			.then()
			.subscribe(null, null, () -> end.set(time.now(TimeUnit.NANOSECONDS)));
		if (Boolean.getBoolean("sim.trace")) {
			Flux.interval(Duration.ofMillis(250), time)
				.takeWhile((tick) -> end.get() < 0)
				.subscribe((tick) -> System.out.printf(java.util.Locale.ROOT, "  t=%.2f %s requests=%d refused=%d%n",
						time.now(TimeUnit.NANOSECONDS) / 1e9, limiter.snapshot(MODEL), requests.get(), server.refused));
		}
		time.advanceTimeBy(Duration.ofMinutes(30));
		time.dispose();
		return new Result(shape, end.get() / 1e9, requests.get(), failed.get(),
				limiter.snapshot(MODEL).requestsPerSecond());
	}

	private static Mono<Void> attempt(CometLimiter limiter, TokenBucketServer server, Shape shape,
			VirtualTimeScheduler time, Random random, AtomicLong requests, int attempt, int attempts) {
		return limiter.acquire(MODEL)
			.flatMap((permit) -> Mono.delay(jitter(shape, random), time)
				.flatMap((sent) -> answer(limiter, server, shape, time, random, requests, attempt, attempts, permit)));
	}

	private static Duration jitter(Shape shape, Random random) {
		return Duration.ofNanos((long) (random.nextDouble() * shape.jitterMillis() * 1_000_000L));
	}

	private static Mono<Void> answer(CometLimiter limiter, TokenBucketServer server, Shape shape,
			VirtualTimeScheduler time, Random random, AtomicLong requests, int attempt, int attempts,
			CometLimiter.Permit permit) {
		requests.incrementAndGet();
		if (server.admit(time.now(TimeUnit.NANOSECONDS))) {
			return Mono
				.delay(Duration.ofNanos(RTT_NANOS + shape.latencyMillis() * 1_000_000L).plus(jitter(shape, random)),
						time)
				.doOnNext((tick) -> permit.release(Outcome.SUCCESS))
				.then();
		}
		return Mono.delay(Duration.ofNanos(RTT_NANOS), time).flatMap((tick) -> {
			permit.release(Outcome.RATE_LIMITED);
			if (attempt >= attempts) {
				return Mono.error(new IllegalStateException("attempts spent"));
			}
			Duration delay = shape.retryAfter() ? Duration.ofSeconds(1)
					: Duration.ofNanos((long) (random.nextDouble() * Math.min(30e9, 1e9 * Math.pow(2, attempt - 1))));
			return Mono.delay(delay, time)
				.then(Mono.defer(() -> attempt(limiter, server, shape, time, random, requests, attempt + 1, attempts)));
		});
	}

	/**
	 * A gateway's token bucket, full at the start.
	 */
	static final class TokenBucketServer {

		private final double rate;

		private final double burst;

		private double tokens;

		private long refilledAt;

		long refused;

		TokenBucketServer(double rate, double burst, long nanos) {
			this.rate = rate;
			this.burst = burst;
			this.tokens = burst;
			this.refilledAt = nanos;
		}

		boolean admit(long nanos) {
			this.tokens = Math.min(this.burst, this.tokens + (nanos - this.refilledAt) * this.rate / 1e9);
			this.refilledAt = nanos;
			if (this.tokens < 1) {
				this.refused++;
				return false;
			}
			this.tokens -= 1;
			return true;
		}

	}

	/**
	 * The share of requests a gateway's bucket refuses when a perfect pacer sends at
	 * {@code pace} and each send reaches it up to {@code jitterMillis} late (uniform,
	 * seeded): what no limiter can beat under that jitter.
	 * @param rate the server's tokens per second
	 * @param burst the server's bucket
	 * @param jitterMillis most a send is late
	 * @param pace the pacer's requests per second
	 * @param seed the seed of the jitter
	 * @return refused / sent over 20,000 sends
	 */
	static double refusedAtPerfectPace(double rate, int burst, double jitterMillis, double pace, long seed) {
		Random random = new Random(seed);
		int sends = 20_000;
		long[] arrivals = new long[sends];
		for (int i = 0; i < sends; i++) {
			arrivals[i] = (long) (i * 1e9 / pace + random.nextDouble() * jitterMillis * 1_000_000L);
		}
		java.util.Arrays.sort(arrivals);
		TokenBucketServer server = new TokenBucketServer(rate, burst, 0);
		for (long arrival : arrivals) {
			server.admit(arrival);
		}
		return (double) server.refused / sends;
	}

	/**
	 * The best wall / floor a perfect pacer reaches under the jitter while the server
	 * refuses at most {@code refusedShare} of the requests.
	 */
	static double bestWallOverFloor(double rate, int burst, double jitterMillis, double refusedShare) {
		for (double share = 1.0; share > 0.05; share -= 0.005) {
			if (refusedAtPerfectPace(rate, burst, jitterMillis, rate * share, 42) <= refusedShare) {
				return 1 / share;
			}
		}
		return Double.POSITIVE_INFINITY;
	}

	public static void main(String[] args) {
		int seconds = (args.length > 0) ? Integer.parseInt(args[0]) : 20;
		if (args.length > 1) {
			System.out.println(run(new Shape(Double.parseDouble(args[1]), Integer.parseInt(args[2]),
					Integer.parseInt(args[3]), Integer.parseInt(args[4]), Boolean.parseBoolean(args[5]), seconds,
					Integer.parseInt(args[6])), 42));
			return;
		}
		double worstWall = 0;
		double worstRequests = 0;
		int jitter = Integer.getInteger("sim.jitter", 5);
		for (int rate : new int[] { 50, 100, 200, 500 }) {
			for (double share : new double[] { 0, 0.01, 0.1 }) {
				for (int callers : new int[] { 32, 512 }) {
					for (int latency : new int[] { 0, 50, 200 }) {
						for (boolean retryAfter : new boolean[] { true, false }) {
							Shape shape = new Shape(rate, Math.max(1, (int) Math.round(rate * share)), callers, latency,
									retryAfter, seconds, jitter);
							Result result = run(shape, 42);
							worstWall = Math.max(worstWall, result.wallOverFloor());
							worstRequests = Math.max(worstRequests, result.requestsPerCall());
							System.out.println(result);
						}
					}
				}
			}
		}
		System.out.printf("worst wall/floor %.3f, worst requests/call %.3f%n", worstWall, worstRequests);
		for (int rate : new int[] { 50, 100, 200, 500 }) {
			for (int burst : new int[] { 1, 2, 5, Math.max(1, rate / 10) }) {
				for (double j : new double[] { 0.2, 1, 2, 5, 10 }) {
					System.out.printf(java.util.Locale.ROOT,
							"perfect pacer: rate %d burst %d jitter %.1f ms: best wall/floor at <= 5%% refused %.3f%n",
							rate, burst, j, bestWallOverFloor(rate, burst, j, 0.05));
				}
			}
		}
	}

}
