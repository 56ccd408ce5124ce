package com.cometapi.test;

import java.util.Objects;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring test's CometAPI client at a {@link CometApiMockServer}. Needs
 * {@code spring-test} on the class path (only this class refers to it):
 * <pre class="code">
 * &#64;RegisterExtension
 * static final CometApiMockServerExtension mock = new CometApiMockServerExtension();
 *
 * &#64;DynamicPropertySource
 * static void cometApi(DynamicPropertyRegistry registry) {
 *     CometApiMockProperties.register(registry, mock.server());
 * }
 * </pre> With the starter these two properties are what the auto-configured
 * {@code CometApiConnectionDetails} bean reads: the template calls the mock, and the
 * shared limits of {@code cometapi.cluster} (if on) key their Redis entries with the test
 * key. This module does not depend on the auto-configuration; a test that declares its
 * own {@code CometApiConnectionDetails} bean replaces these properties.
 */
public final class CometApiMockProperties {

	/**
	 * Name of the property holding the CometAPI base URL.
	 */
	public static final String BASE_URL = "cometapi.base-url";

	/**
	 * Name of the property holding the CometAPI key.
	 */
	public static final String API_KEY = "cometapi.api-key";

	/**
	 * The API key registered for tests.
	 */
	public static final String TEST_API_KEY = "test-key";

	private CometApiMockProperties() {
	}

	/**
	 * Register {@value #BASE_URL} (the server's {@link CometApiMockServer#baseUrl() base
	 * URL}) and {@value #API_KEY} ({@value #TEST_API_KEY}).
	 * @param registry the registry passed to a {@code @DynamicPropertySource} method
	 * @param server the server to point at
	 */
	public static void register(DynamicPropertyRegistry registry, CometApiMockServer server) {
		Objects.requireNonNull(registry, "registry");
		Objects.requireNonNull(server, "server");
		registry.add(BASE_URL, server::baseUrl);
		registry.add(API_KEY, () -> TEST_API_KEY);
	}

}
