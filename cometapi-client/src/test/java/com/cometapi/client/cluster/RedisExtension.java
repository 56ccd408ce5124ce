package com.cometapi.client.cluster;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit Jupiter extension that gives tests a real Redis server ({@link LocalRedis}), or
 * skips them, reason printed once per JVM, when there is none or
 * {@code COMETAPI_TEST_REDIS=off}. On a static field the server lives for the class and
 * is flushed before each test: <pre class="code">
 * &#64;RegisterExtension
 * static final RedisExtension redis = RedisExtension.shared();
 * </pre> On an instance field it lives for one test.
 */
public final class RedisExtension
		implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

	private final boolean ownProcess;

	private LocalRedis server;

	private boolean perTest;

	private RedisExtension(boolean ownProcess) {
		this.ownProcess = ownProcess;
	}

	/**
	 * Use the CI server if there is one, else a process of our own.
	 * @return the extension
	 */
	public static RedisExtension shared() {
		return new RedisExtension(false);
	}

	/**
	 * Use a {@code redis-server} process of our own, which a test may kill and restart.
	 * @return the extension
	 */
	public static RedisExtension ownProcess() {
		return new RedisExtension(true);
	}

	/**
	 * Return the running server.
	 * @return the server
	 */
	public LocalRedis server() {
		if (this.server == null) {
			throw new IllegalStateException("Redis is only available while the tests run");
		}
		return this.server;
	}

	/**
	 * Return the URL of the running server.
	 * @return for example {@code redis://127.0.0.1:6390}
	 */
	public String url() {
		return server().url();
	}

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		return LocalRedis.skipReason()
			.map(ConditionEvaluationResult::disabled)
			.orElseGet(() -> ConditionEvaluationResult.enabled("Redis is available"));
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.server = start();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.server == null) {
			this.perTest = true;
			this.server = start();
		}
		else {
			this.server.flushAll();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.perTest) {
			stop();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	private LocalRedis start() {
		return this.ownProcess ? LocalRedis.ownProcess() : LocalRedis.shared();
	}

	private void stop() {
		if (this.server != null) {
			this.server.close();
			this.server = null;
		}
	}

}
