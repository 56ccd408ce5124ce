package com.cometapi.benchmarks;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs JMH benchmarks programmatically with short iterations (1 s warm-up and measurement
 * iterations), in forked JVMs, with the GC profiler, and returns their scores by method
 * name.
 *
 * @author CometAPI team
 */
final class Jmh {

	static final int FORKS = 2;

	static final int WARMUP_ITERATIONS = 6;

	static final int ITERATIONS = 3;

	private Jmh() {
	}

	/**
	 * Run every benchmark of the given classes.
	 * @param classes the benchmark classes
	 * @return the scores by benchmark method name
	 * @throws RunnerException if a benchmark fails
	 */
	static Map<String, Score> run(Class<?>... classes) throws RunnerException {
		exposeClassPath();
		OptionsBuilder options = new OptionsBuilder();
		for (Class<?> type : classes) {
			options.include(type.getName() + "\\.");
		}
		options.forks(FORKS)
			.warmupIterations(WARMUP_ITERATIONS)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(ITERATIONS)
			.measurementTime(TimeValue.seconds(1))
			.addProfiler(GCProfiler.class)
			.jvmArgsAppend("-Xms1g", "-Xmx1g", "-Djava.awt.headless=true")
			.shouldFailOnError(true);
		Collection<RunResult> results = new Runner(options.build()).run();
		Map<String, Score> scores = new LinkedHashMap<>();
		for (RunResult result : results) {
			String benchmark = result.getParams().getBenchmark();
			String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
			Result<?> primary = result.getPrimaryResult();
			double bytesPerOp = result.getSecondaryResults()
				.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().endsWith("gc.alloc.rate.norm"))
				.mapToDouble((entry) -> entry.getValue().getScore())
				.findFirst()
				.orElse(Double.NaN);
			scores.put(method, new Score(primary.getScore(), primary.getScoreError(), bytesPerOp));
		}
		return scores;
	}

	/**
	 * JMH forks its JVMs with {@code java.class.path}; under {@code exec:java} that is
	 * Maven's own, so take the project's from the class loader that loaded this class.
	 */
	private static void exposeClassPath() {
		if (!(Jmh.class.getClassLoader() instanceof URLClassLoader loader)) {
			return;
		}
		String classPath = Stream.of(loader.getURLs()).map(Jmh::path).collect(Collectors.joining(File.pathSeparator));
		if (!classPath.isEmpty()) {
			System.setProperty("java.class.path", classPath);
		}
	}

	private static String path(URL url) {
		try {
			return Path.of(url.toURI()).toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One benchmark's scores.
	 *
	 * @param score the primary score (operations per second, or microseconds per
	 * operation for average-time benchmarks)
	 * @param error its 99.9% confidence half-width
	 * @param bytesPerOp bytes allocated per operation, from the GC profiler
	 */
	record Score(double score, double error, double bytesPerOp) {

	}

}
