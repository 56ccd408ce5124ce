package com.cometapi.autoconfigure;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Customizes the {@link WebClient.Builder} of the auto-configured {@code CometTemplate},
 * after the starter's own settings (base URL, connector with timeouts and no redirects,
 * codecs). Beans of this type are applied in {@link org.springframework.core.Ordered
 * order}.
 *
 * @author CometAPI team
 */
@FunctionalInterface
public interface CometWebClientCustomizer {

	/**
	 * Customize the builder.
	 * @param webClientBuilder the builder, a clone of the application's
	 */
	void customize(WebClient.Builder webClientBuilder);

}
