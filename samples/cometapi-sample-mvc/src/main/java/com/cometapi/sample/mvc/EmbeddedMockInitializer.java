package com.cometapi.sample.mvc;

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
 * API key is configured, so the sample runs offline.
 *
 * @author CometAPI team
 */
public class EmbeddedMockInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final Log logger = LogFactory.getLog(EmbeddedMockInitializer.class);

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
