package com.cometapi.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import com.cometapi.client.wire.ChatCompletion;

/**
 * JMH: one chat call per operation from 64 threads, each blocking on its call, against
 * the mock at zero latency; raw {@code WebClient} beside {@code CometTemplate} without
 * and with the adaptive limiter (max-in-flight 64). Run with {@code -prof gc} for the
 * bytes allocated per call ({@code gc.alloc.rate.norm}); those include the in-process
 * mock's own allocation, which is the same for every client, so the difference between
 * two clients is what one costs over the other.
 *
 * @author CometAPI team
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(ChatFixture.LIMIT)
public class ChatOverheadBenchmark {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private ChatFixture fixture;

	@Setup(Level.Trial)
	public void start() {
		this.fixture = ChatFixture.start();
		this.fixture.warmUp();
	}

	@TearDown(Level.Iteration)
	public void forgetRecordedRequests() {
		this.fixture.mock().reset();
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.fixture.close();
	}

	@Benchmark
	public ChatCompletion rawWebClient() {
		return this.fixture.raw().block(TIMEOUT);
	}

	@Benchmark
	public ChatCompletion cometTemplate() {
		return this.fixture.template().block(TIMEOUT);
	}

	@Benchmark
	public ChatCompletion cometTemplateWithLimiter() {
		return this.fixture.limited().block(TIMEOUT);
	}

}
