package com.cometapi.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.cometapi.client.CometClient;
import com.cometapi.client.CometTemplate;
import com.cometapi.test.CometApiMockServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the {@link CometClient} bean of {@link CometApiAutoConfiguration}.
 */
class CometClientAutoConfigurationTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CometApiAutoConfiguration.class))
		.withPropertyValues("cometapi.catalog.validate=off", "cometapi.models=gpt-4o-mini");

	@Test
	void createsABlockingClientOfTheTemplate() {
		this.contextRunner.withPropertyValues("cometapi.base-url=" + mock.baseUrl()).run((context) -> {
			assertThat(context).hasSingleBean(CometClient.class).hasSingleBean(CometTemplate.class);
			CometClient client = context.getBean(CometClient.class);
			assertThat(client.getOperations()).isSameAs(context.getBean(CometTemplate.class));
			assertThat(client.prompt("Hi").content()).isEqualTo("Hello from gpt-4o-mini");
			assertThat(mock.server().requestCount()).isEqualTo(1);
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnClient() {
		this.contextRunner.withPropertyValues("cometapi.base-url=" + mock.baseUrl())
			.withUserConfiguration(OwnClientConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(CometClient.class);
				assertThat(context.getBeanNamesForType(CometClient.class)).containsExactly("ownClient");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClientConfiguration {

		@Bean
		CometClient ownClient(CometTemplate template) {
			return CometClient.of(template);
		}

	}

}
