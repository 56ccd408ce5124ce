package com.cometapi.test;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import com.cometapi.test.CometApiMockServer;

/**
 * Starts the embedded CometAPI mock and points {@code cometapi.base-url} at it when no
 * API key is configured ({@code COMETAPI_KEY} or {@code cometapi.api-key}), so that an
 * application such as a sample or a demo runs offline; the mock stops with the context.
 * Opt-in: register it in the application's {@code META-INF/spring.factories} under
 * {@code org.springframework.context.ApplicationContextInitializer}, or with
 * {@code SpringApplication.addInitializers}. Needs {@code spring-context}.
 *
 * @author CometAPI team
 */
public class CometApiMockInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final Log logger = LogFactory.getLog(CometApiMockInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (StringUtils.hasText(environment.getProperty("COMETAPI_KEY"))
				|| StringUtils.hasText(environment.getProperty("cometapi.api-key"))) {
			logger.info("COMETAPI_KEY is set: talking to "
					+ environment.getProperty("cometapi.base-url", "https://api.cometapi.com"));
			return;
		}
		CometApiMockServer mock = CometApiMockServer.start();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("cometApiEmbeddedMock", Map.of("cometapi.base-url", mock.baseUrl())));
		context.addApplicationListener((event) -> {
			if (event instanceof ContextClosedEvent) {
				mock.close();
			}
		});
		logger.info("No COMETAPI_KEY set: talking to the embedded CometAPI mock at " + mock.baseUrl()
				+ " (set COMETAPI_KEY to call the real API)");
	}

}
