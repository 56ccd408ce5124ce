package com.cometapi.autoconfigure;

import com.cometapi.client.CometTemplate;

/**
 * Customizes the {@link CometTemplate.Builder} of the auto-configured template, after
 * every {@code cometapi.*} property has been applied. Beans of this type are applied in
 * {@link org.springframework.core.Ordered order}.
 *
 * @author CometAPI team
 */
@FunctionalInterface
public interface CometTemplateCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder
	 */
	void customize(CometTemplate.Builder builder);

}
