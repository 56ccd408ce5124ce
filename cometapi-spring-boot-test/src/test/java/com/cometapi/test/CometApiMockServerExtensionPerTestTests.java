package com.cometapi.test;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension on an instance field: one server per test, closed after it, even when a
 * field initializer starts it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CometApiMockServerExtensionPerTestTests {

	private static CometApiMockServer first;

	@RegisterExtension
	final CometApiMockServerExtension mock = new CometApiMockServerExtension();

	private final CometApiMockServer server = this.mock.server();

	@Test
	@Order(1)
	void startsServerFromFieldInitializer() throws Exception {
		first = this.server;
		assertThat(this.mock.server()).isSameAs(this.server);
		assertThat(new Http(this.server).chat("gpt-4o").statusCode()).isEqualTo(200);
		assertThat(this.server.requestCount()).isEqualTo(1);
	}

	@Test
	@Order(2)
	void closesItAfterTheTest() {
		assertThat(first).hasToString("CometApiMockServer[closed]");
		assertThat(this.server).isNotSameAs(first);
		assertThat(this.server.requestCount()).isZero();
	}

}
