package com.cometapi.test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CometApiMockServerExtensionTests {

	@RegisterExtension
	static final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private static int firstPort;

	@Test
	@Order(1)
	void startsServerBeforeTests() throws Exception {
		firstPort = mock.server().port();
		mock.server().anyModel().respond(MockResponse.serverError());
		mock.server().capacity(1, 1);
		assertThat(new Http(mock.server()).chat("gpt-4o").statusCode()).isEqualTo(500);
		assertThat(mock.server().requestCount()).isEqualTo(1);
	}

	@Test
	@Order(2)
	void keepsServerButResetsScriptsAndRecordsAfterEachTest() throws Exception {
		assertThat(mock.server().port()).isEqualTo(firstPort);
		assertThat(mock.baseUrl()).isEqualTo(mock.server().baseUrl());
		assertThat(mock.server().requestCount()).isZero();
		assertThat(mock.server().rateLimitedCount()).isZero();
		Http http = new Http(mock.server());
		assertThat(http.chat("gpt-4o").statusCode()).isEqualTo(200);
		assertThat(http.chat("gpt-4o").statusCode()).isEqualTo(200);
	}

	@Test
	void registersSpringProperties() {
		Map<String, Supplier<Object>> properties = new LinkedHashMap<>();
		CometApiMockProperties.register(properties::put, mock.server());
		assertThat(properties).containsOnlyKeys("cometapi.base-url", "cometapi.api-key");
		assertThat(properties.get("cometapi.base-url").get()).isEqualTo(mock.server().baseUrl());
		assertThat(properties.get("cometapi.api-key").get()).isEqualTo("test-key");
	}

	@Test
	void registersSpringPropertiesFromExtension() {
		Map<String, Supplier<Object>> properties = new LinkedHashMap<>();
		mock.registerProperties(properties::put);
		assertThat(properties.get("cometapi.base-url").get()).isEqualTo(mock.server().baseUrl());
	}

}
