package com.cometapi.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import com.cometapi.client.CometTemplate;
import com.cometapi.test.CometApiMockServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CometApiConnectionDetails}: read from the properties by default,
 * replaced by the application's own bean, and never showing the key.
 */
class CometApiConnectionDetailsTests {

	private static final String PROPERTY_KEY = "sk-details-property-secret-1234";

	private static final String BEAN_KEY = "sk-details-bean-secret-5678";

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CometApiAutoConfiguration.class))
		.withPropertyValues("cometapi.catalog.validate=off", "cometapi.models=gpt-4o");

	@Test
	void areReadFromThePropertiesByDefault() {
		this.contextRunner
			.withPropertyValues("cometapi.base-url=" + mock.baseUrl() + "/v1", "cometapi.api-key=" + PROPERTY_KEY)
			.run((context) -> {
				CometApiConnectionDetails details = context.getBean(CometApiConnectionDetails.class);
				assertThat(details).isInstanceOf(PropertiesCometApiConnectionDetails.class);
				assertThat(details.getBaseUrl()).isEqualTo(mock.baseUrl());
				assertThat(details.getApiKey()).isEqualTo(PROPERTY_KEY);
				assertThat(context.getBean(CometTemplate.class).getBaseUrl()).isEqualTo(mock.baseUrl());
			});
	}

	@Test
	void applicationBeanWinsOverTheProperties() {
		this.contextRunner
			.withPropertyValues("cometapi.base-url=http://127.0.0.1:9", "cometapi.api-key=" + PROPERTY_KEY)
			.withBean(CometApiConnectionDetails.class, () -> new FixedConnectionDetails(mock.baseUrl(), BEAN_KEY))
			.run((context) -> {
				assertThat(context).hasSingleBean(CometApiConnectionDetails.class)
					.doesNotHaveBean(PropertiesCometApiConnectionDetails.class);
				CometTemplate template = context.getBean(CometTemplate.class);
				assertThat(template.getBaseUrl()).isEqualTo(mock.baseUrl());
				template.prompt("Hi").block(Duration.ofSeconds(5));
				assertThat(mock.server().requestCount()).isEqualTo(1);
				assertThat(mock.server().requests().get(0).header("Authorization")).isEqualTo("Bearer " + BEAN_KEY);
			});
	}

	@Test
	void neverShowTheKeyOrTheBaseUrlsPassword() {
		CometApiProperties properties = new CometApiProperties();
		properties.setBaseUrl("http://user:hunter2@127.0.0.1:9");
		properties.setApiKey(PROPERTY_KEY);
		CometApiConnectionDetails details = new PropertiesCometApiConnectionDetails(properties, new MockEnvironment());
		assertThat(details.getApiKey()).isEqualTo(PROPERTY_KEY);
		assertThat(details.toString()).contains("127.0.0.1:9")
			.contains("apiKey=****")
			.doesNotContain(PROPERTY_KEY)
			.doesNotContain("hunter2");
	}

	@Test
	void useTheLoopbackKeyWhenNoneIsConfiguredForALoopbackBaseUrl() {
		this.contextRunner.withPropertyValues("cometapi.base-url=" + mock.baseUrl()).run((context) -> {
			CometApiConnectionDetails details = context.getBean(CometApiConnectionDetails.class);
			assertThat(details.getApiKey()).isEqualTo(PropertiesCometApiConnectionDetails.LOOPBACK_KEY);
			assertThat(details.toString()).contains("apiKey=unset");
		});
	}

	record FixedConnectionDetails(String getBaseUrl, String getApiKey) implements CometApiConnectionDetails {

		@Override
		public String toString() {
			return "FixedConnectionDetails[baseUrl=" + this.getBaseUrl + "]";
		}

	}

}
