package com.cometapi.test;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CometApiMockServerLifecycleTests {

	@Test
	void closeStopsServerAndIsIdempotent() throws Exception {
		CometApiMockServer server = CometApiMockServer.start();
		Http http = new Http(server);
		assertThat(http.chat("gpt-4o").statusCode()).isEqualTo(200);
		server.close();
		server.close();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> http.chat("gpt-4o"));
		assertThat(server.toString()).contains("closed");
	}

	@Test
	void serverClassDoesNotNeedSpringTestOrJUnit() {
		assertThat(CometApiMockServer.class.getDeclaredMethods()).allSatisfy((method) -> {
			assertThat(method.getReturnType().getName()).doesNotStartWith("org.springframework")
				.doesNotStartWith("org.junit");
			assertThat(method.getParameterTypes())
				.allSatisfy((type) -> assertThat(type.getName()).doesNotStartWith("org.springframework")
					.doesNotStartWith("org.junit"));
		});
	}

	@Test
	void serversAreIndependent() throws Exception {
		try (CometApiMockServer first = CometApiMockServer.start();
				CometApiMockServer second = CometApiMockServer.start()) {
			first.anyModel().respond(MockResponse.unauthorized());
			assertThat(first.port()).isNotEqualTo(second.port());
			assertThat(new Http(first).chat("gpt-4o").statusCode()).isEqualTo(401);
			assertThat(new Http(second).chat("gpt-4o").statusCode()).isEqualTo(200);
			assertThat(second.requestCount()).isEqualTo(1);
		}
	}

	@Test
	void runsOnItsOwnEventLoops() throws Exception {
		try (CometApiMockServer server = CometApiMockServer.start()) {
			reactor.netty.http.HttpResources.disposeLoopsAndConnections();
			assertThat(new Http(server).chat("gpt-4o").statusCode()).isEqualTo(200);
		}
	}

}
