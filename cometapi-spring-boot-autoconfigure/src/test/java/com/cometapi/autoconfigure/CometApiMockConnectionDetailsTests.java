package com.cometapi.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import com.cometapi.client.CometTemplate;
import com.cometapi.test.CometApiMockProperties;
import com.cometapi.test.CometApiMockServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a Spring test, the mock server's extension provides the connection details: its
 * properties become the {@link CometApiConnectionDetails} bean the template and the
 * shared limits use.
 */
@SpringJUnitConfig(CometApiMockConnectionDetailsTests.Config.class)
@TestPropertySource(properties = { "cometapi.catalog.validate=off", "cometapi.models=gpt-4o" })
class CometApiMockConnectionDetailsTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	@DynamicPropertySource
	static void cometApi(DynamicPropertyRegistry registry) {
		mock.registerProperties(registry);
	}

	@Autowired
	private CometApiConnectionDetails connectionDetails;

	@Autowired
	private CometTemplate template;

	@Test
	void mockServerProvidesTheConnectionDetails() {
		assertThat(this.connectionDetails.getBaseUrl()).isEqualTo(mock.server().baseUrl());
		assertThat(this.connectionDetails.getApiKey()).isEqualTo(CometApiMockProperties.TEST_API_KEY);
		this.template.prompt("Hi").block(Duration.ofSeconds(5));
		assertThat(mock.server().requestCount()).isEqualTo(1);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(CometApiAutoConfiguration.class)
	static class Config {

	}

}
