package com.cometapi.client.error;

import java.util.List;

/**
 * A call asked for a route that is not configured. Nothing was sent.
 *
 * @author CometAPI team
 */
public class CometUnknownRouteException extends CometValidationException {

	private static final int MAX_NAME_CHARS = 100;

	private final String routeName;

	private final List<String> configuredRoutes;

	/**
	 * Create a new instance.
	 * @param routeName the name asked for
	 * @param configuredRoutes the names of the configured routes
	 */
	public CometUnknownRouteException(String routeName, List<String> configuredRoutes) {
		super(null, List.of("no route named '" + LogSafe.escape(routeName, MAX_NAME_CHARS) + "'; configured routes: "
				+ configuredRoutes));
		this.routeName = routeName;
		this.configuredRoutes = List.copyOf(configuredRoutes);
	}

	/**
	 * Return the route name asked for.
	 * @return the name, possibly {@code null}
	 */
	public String getRouteName() {
		return this.routeName;
	}

	/**
	 * Return the names of the configured routes.
	 * @return the names, in configuration order
	 */
	public List<String> getConfiguredRoutes() {
		return this.configuredRoutes;
	}

}
