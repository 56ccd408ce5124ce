package com.cometapi.test;

import java.lang.reflect.Method;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Spring {@link TestExecutionListener}, registered through {@code spring.factories}, that
 * calls {@code CometTemplate.resetLearnedState()} on every template of an already loaded
 * test context before each test method, so that cooldowns, adapted limits and retry
 * budget counts learnt in one test do not carry into the next one that shares the cached
 * context. Templates are found by class name: this module does not depend on the
 * client's.
 */
public class CometTemplateResetTestExecutionListener implements TestExecutionListener, Ordered {

	private static final String TEMPLATE = "com.cometapi.client.CometTemplate";

	/**
	 * Runs after Spring's dependency injection and before the test's own
	 * {@code @BeforeEach} methods see the templates.
	 */
	@Override
	public int getOrder() {
		return 2500;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		ClassLoader classLoader = context.getClassLoader();
		if (!ClassUtils.isPresent(TEMPLATE, classLoader)) {
			return;
		}
		Class<?> type = ClassUtils.resolveClassName(TEMPLATE, classLoader);
		Method reset = ReflectionUtils.findMethod(type, "resetLearnedState");
		if (reset == null) {
			return;
		}
		context.getBeansOfType(type, false, false)
			.values()
			.forEach((template) -> ReflectionUtils.invokeMethod(reset, template));
	}

}
