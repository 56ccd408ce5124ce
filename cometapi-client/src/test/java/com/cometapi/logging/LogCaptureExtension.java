package com.cometapi.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.LoggerFactory;

/**
 * Captures every log line written while a test runs, whatever the logging configuration
 * sends to the console, and hands it to the test as a {@link CapturedLogs} parameter. The
 * console itself stays quiet (see {@code logback-test.xml}).
 */
public final class LogCaptureExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(LogCaptureExtension.class);

	@Override
	public void beforeEach(ExtensionContext context) {
		capture(context).start();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		capture(context).stop();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == CapturedLogs.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return capture(extensionContext).logs;
	}

	private static Capture capture(ExtensionContext context) {
		return context.getStore(NAMESPACE).getOrComputeIfAbsent(Capture.class, (key) -> new Capture(), Capture.class);
	}

	private static final class Capture extends AppenderBase<ILoggingEvent> {

		private final CapturedLogs logs = new CapturedLogs();

		private final PatternLayout layout = new PatternLayout();

		@Override
		public void start() {
			LoggerContext loggerContext = (LoggerContext) LoggerFactory.getILoggerFactory();
			setContext(loggerContext);
			setName("test-capture");
			this.layout.setContext(loggerContext);
			this.layout.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger - %msg%n");
			this.layout.start();
			this.logs.clear();
			super.start();
			root().addAppender(this);
		}

		@Override
		public void stop() {
			root().detachAppender(this);
			super.stop();
			this.layout.stop();
		}

		@Override
		protected void append(ILoggingEvent event) {
			this.logs.append(this.layout.doLayout(event));
		}

		private static Logger root() {
			return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		}

	}

}
