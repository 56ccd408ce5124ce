package com.cometapi.test;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * JUnit Jupiter extension that runs a {@link CometApiMockServer} for a test class: starts
 * it before all tests (or on first {@link #server()} call),
 * {@link CometApiMockServer#reset() resets} it after each test and closes it after all
 * tests. Register it on a static field: <pre class="code">
 * &#64;RegisterExtension
 * static final CometApiMockServerExtension mock = new CometApiMockServerExtension();
 * </pre> On an instance field the server lives for one test (also when a field
 * initializer calls {@link #server()}).
 */
public final class CometApiMockServerExtension
		implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

	private CometApiMockServer server;

	private boolean perClass;

	/**
	 * Return the server, starting it if needed (for example when a
	 * {@code @DynamicPropertySource} method asks for it before the tests start).
	 * @return the running server
	 */
	public synchronized CometApiMockServer server() {
		if (this.server == null) {
			this.server = CometApiMockServer.start();
		}
		return this.server;
	}

	/**
	 * Return the server's base URL.
	 * @return the base URL, without a trailing slash
	 */
	public String baseUrl() {
		return server().baseUrl();
	}

	/**
	 * Register {@code cometapi.base-url} (this server) and {@code cometapi.api-key}
	 * ({@code "test-key"}) from a {@code @DynamicPropertySource} method. Needs
	 * {@code spring-test}.
	 * @param registry the registry passed to the {@code @DynamicPropertySource} method
	 * @see CometApiMockProperties#register(DynamicPropertyRegistry, CometApiMockServer)
	 */
	public void registerProperties(DynamicPropertyRegistry registry) {
		CometApiMockProperties.register(registry, server());
	}

	@Override
	public synchronized void beforeAll(ExtensionContext context) {
		this.perClass = true;
		server();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		server();
	}

	@Override
	public synchronized void afterEach(ExtensionContext context) {
		if (!this.perClass) {
			stop();
		}
		else if (this.server != null) {
			this.server.reset();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	private synchronized void stop() {
		if (this.server != null) {
			this.server.close();
			this.server = null;
		}
	}

}
