package com.cometapi.client.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.error.CometLimiterRejectedException;
import com.cometapi.client.resilience.CometLimiter;
import com.cometapi.test.CometApiMockServerExtension;
import com.cometapi.test.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterRateLimiter} against a real Redis server and the mock CometAPI.
 */
class ClusterRateLimiterTests {

	private static final String KEY = "sk-cluster-rate-secret-31337";

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	@RegisterExtension
	static final RedisExtension redis = RedisExtension.shared();

	private ClusterRedis first;

	private ClusterRedis second;

	@BeforeEach
	void connect() {
		this.first = connection();
		this.second = connection();
	}

	@AfterEach
	void disconnect() {
		this.first.close();
		this.second.close();
	}

	private static ClusterRedis connection() {
		return ClusterRedis.builder().redisUrl(redis.url()).apiKey(KEY).timeout(Duration.ofMillis(500)).build();
	}

	private CometTemplate template(CometLimiter limiter) {
		return CometTemplate.builder().baseUrl(mock.baseUrl()).apiKey(KEY).models("gpt-4o").limiter(limiter).build();
	}

	@Test
	void twoTemplatesSharingARateSendAtMostThatRateTogether() {
		CometTemplate one = template(
				new ClusterRateLimiter(this.first, CometLimiter.unlimited(), 100, 10, Duration.ofSeconds(5)));
		CometTemplate two = template(
				new ClusterRateLimiter(this.second, CometLimiter.unlimited(), 100, 10, Duration.ofSeconds(5)));
		Flux.merge(Flux.range(0, 32).flatMap((i) -> one.chat("warm-up", "Hi"), 32),
				Flux.range(0, 32).flatMap((i) -> two.chat("warm-up", "Hi"), 32))
			.then()
			.block(Duration.ofSeconds(5));
		mock.server().reset();
		AtomicInteger oneDone = new AtomicInteger();
		AtomicInteger twoDone = new AtomicInteger();
		Flux<Object> calls = Flux.merge(
				Flux.range(0, 100)
					.flatMap((i) -> one.chat("gpt-4o", "Hi").doOnNext((c) -> oneDone.incrementAndGet()), 32),
				Flux.range(0, 100)
					.flatMap((i) -> two.chat("gpt-4o", "Hi").doOnNext((c) -> twoDone.incrementAndGet()), 32));
		calls.then().block(Duration.ofSeconds(15));
		assertThat(oneDone).hasValue(100);
		assertThat(twoDone).hasValue(100);
		List<Instant> arrivals = mock.server().requests().stream().map(RecordedRequest::receivedAt).sorted().toList();
		assertThat(arrivals).hasSize(200);
		assertThat(busiestSecond(arrivals)).as("requests in any one second").isLessThanOrEqualTo(100 + 10 + 10);
		assertThat(Duration.between(arrivals.get(0), arrivals.get(arrivals.size() - 1)))
			.as("200 requests at 100/s with a burst of 10 take at least 1.9 s")
			.isGreaterThan(Duration.ofMillis(1850));
	}

	private static int busiestSecond(List<Instant> arrivals) {
		int busiest = 0;
		int start = 0;
		for (int end = 0; end < arrivals.size(); end++) {
			while (Duration.between(arrivals.get(start), arrivals.get(end)).compareTo(Duration.ofSeconds(1)) >= 0) {
				start++;
			}
			busiest = Math.max(busiest, end - start + 1);
		}
		return busiest;
	}

	@Test
	void rejectsACallThatWouldWaitLongerThanTheMaximumAndGivesItsTokenBack() {
		ClusterRateLimiter limiter = new ClusterRateLimiter(this.first, CometLimiter.unlimited(), 1, 1,
				Duration.ofMillis(100));
		StepVerifier.create(limiter.acquire("gpt-4o"))
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(2));
		StepVerifier.create(limiter.acquire("gpt-4o"))
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOfSatisfying(CometLimiterRejectedException.class, (rejected) -> {
						assertThat(rejected.getLimit()).isEqualTo("cometapi.cluster.requests-per-second");
						assertThat(rejected.getLimitValue()).isEqualTo("1.0");
					}))
			.verify(Duration.ofSeconds(2));
	}

	@Test
	void aCallCancelledWhileWaitingGivesItsSlotToTheNextOne() {
		ClusterRateLimiter limiter = new ClusterRateLimiter(this.first, CometLimiter.unlimited(), 1, 1,
				Duration.ofSeconds(5));
		String key = ClusterKeys.prefix(KEY) + "rate:gpt-4o";
		limiter.acquire("gpt-4o").block(Duration.ofSeconds(2));
		long afterFirst = nextSlot(key);
		StepVerifier.create(limiter.acquire("gpt-4o"))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(100))
			.thenCancel()
			.verify(Duration.ofSeconds(2));
		// the waiting call had reserved the next slot (one interval later); cancelling it
		// moves the bucket back to where the first call left it
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> nextSlot(key) == afterFirst);
		StepVerifier.create(limiter.acquire("gpt-4o"))
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(3));
	}

	private static long nextSlot(String key) {
		String[] value = new String[1];
		redis.server().withCommands((commands) -> value[0] = commands.get(key));
		return Long.parseLong(value[0]);
	}

	@Test
	void asksTheLocalLimiterAfterTheSharedRate() {
		AtomicInteger localAsked = new AtomicInteger();
		CometLimiter local = (model) -> Mono.fromSupplier(() -> {
			localAsked.incrementAndGet();
			return (outcome) -> {
			};
		});
		ClusterRateLimiter limiter = new ClusterRateLimiter(this.first, local, 100, 10, Duration.ofSeconds(1));
		limiter.acquire("gpt-4o").block(Duration.ofSeconds(2));
		assertThat(localAsked).hasValue(1);
		assertThat(limiter.getLocal()).isSameAs(local);
		redis.server()
			.withCommands(
					(commands) -> assertThat(commands.exists(ClusterKeys.prefix(KEY) + "rate:gpt-4o")).isEqualTo(1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "garbage", "99999999999999999999999", "nan", "inf", "1e300", "-5", "" })
	void aBadValueAtTheRateKeyIsOverwrittenInsteadOfFailingOrRejecting(String value) {
		String key = ClusterKeys.prefix(KEY) + "rate:gpt-4o";
		redis.server().withCommands((commands) -> commands.set(key, value));
		assertHealsAndAdmitsTheNextCall(key);
	}

	@Test
	void aFarFutureValueWithAnExpiryThatDoesNotMatchIsOverwritten() {
		String key = ClusterKeys.prefix(KEY) + "rate:gpt-4o";
		redis.server().withCommands((commands) -> commands.psetex(key, 60_000, "999999999999999999"));
		assertHealsAndAdmitsTheNextCall(key);
	}

	@Test
	void aValueOfTheWrongTypeAtTheRateKeyIsOverwritten() {
		String key = ClusterKeys.prefix(KEY) + "rate:gpt-4o";
		redis.server().withCommands((commands) -> commands.lpush(key, "not", "a", "string"));
		assertHealsAndAdmitsTheNextCall(key);
	}

	private void assertHealsAndAdmitsTheNextCall(String key) {
		List<String> failures = new CopyOnWriteArrayList<>();
		try (ClusterRedis connection = ClusterRedis.builder()
			.redisUrl(redis.url())
			.apiKey(KEY)
			.timeout(Duration.ofMillis(500))
			.failureListener((operation, ex) -> failures.add(operation + ": " + ex))
			.build()) {
			ClusterRateLimiter limiter = new ClusterRateLimiter(connection, CometLimiter.unlimited(), 1, 1,
					Duration.ZERO);
			StepVerifier.create(limiter.acquire("gpt-4o"))
				.expectNextCount(1)
				.expectComplete()
				.verify(Duration.ofSeconds(2));
			assertThat(failures).isEmpty();
			assertThat(connection.isDown()).isFalse();
		}
		redis.server().withCommands((commands) -> {
			assertThat(commands.type(key)).isEqualTo("string");
			assertThat(commands.pttl(key)).isPositive().isLessThanOrEqualTo(2_000);
		});
		long slot = nextSlot(key);
		assertThat(slot).isPositive();
	}

	@Test
	void aSlotIsGivenBackWhenTheLocalLimiterRejectsTheCall() {
		CometLimiter full = (model) -> Mono.error(new CometLimiterRejectedException(model, "local", "0"));
		ClusterRateLimiter rejecting = new ClusterRateLimiter(this.first, full, 0.1, 1, Duration.ZERO);
		ClusterRateLimiter admitting = new ClusterRateLimiter(this.first, CometLimiter.unlimited(), 0.1, 1,
				Duration.ZERO);
		StepVerifier.create(rejecting.acquire("gpt-4o"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(CometLimiterRejectedException.class,
					(rejected) -> assertThat(rejected.getLimit()).isEqualTo("local")))
			.verify(Duration.ofSeconds(2));
		String key = ClusterKeys.prefix(KEY) + "rate:gpt-4o";
		Awaitility.await("the slot given back").atMost(Duration.ofSeconds(5)).until(() -> !exists(key));
		StepVerifier.create(admitting.acquire("gpt-4o"))
			.as("one request per 10 s, burst 1, no waiting: only a slot given back admits it")
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(2));
	}

	@Test
	void aSlotIsGivenBackWhenTheCallIsCancelledWaitingForTheLocalLimiter() {
		AtomicInteger localAsked = new AtomicInteger();
		CometLimiter never = (model) -> Mono.<CometLimiter.Permit>never()
			.doOnSubscribe((subscription) -> localAsked.incrementAndGet());
		ClusterRateLimiter waiting = new ClusterRateLimiter(this.first, never, 0.1, 1, Duration.ZERO);
		String key = ClusterKeys.prefix(KEY) + "rate:gpt-4o";
		StepVerifier.create(waiting.acquire("gpt-4o"))
			.expectSubscription()
			.then(() -> Awaitility.await("the local limiter asked")
				.atMost(Duration.ofSeconds(5))
				.until(() -> localAsked.get() == 1))
			.then(() -> assertThat(exists(key)).as("the shared slot reserved").isTrue())
			.thenCancel()
			.verify(Duration.ofSeconds(10));
		Awaitility.await("the slot given back, long before its 11 s expiry")
			.atMost(Duration.ofSeconds(5))
			.until(() -> !exists(key));
	}

	private static boolean exists(String key) {
		boolean[] exists = new boolean[1];
		redis.server().withCommands((commands) -> exists[0] = commands.exists(key) == 1);
		return exists[0];
	}

}
