package com.cometapi.test;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

@SpringJUnitConfig(CometApiMockPropertiesSpringTests.Config.class)
class CometApiMockPropertiesSpringTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	@DynamicPropertySource
	static void cometApi(DynamicPropertyRegistry registry) {
		mock.registerProperties(registry);
	}

	@Autowired
	private Environment environment;

	@Test
	void pointsSpringEnvironmentAtMockServer() throws Exception {
		assertThat(this.environment.getProperty("cometapi.base-url")).isEqualTo(mock.server().baseUrl());
		assertThat(this.environment.getProperty("cometapi.api-key")).isEqualTo("test-key");
		assertThat(new Http(mock.server()).chat("gpt-4o").statusCode()).isEqualTo(200);
	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

	}

}
