package com.cometapi.autoconfigure.catalog;

import org.springframework.context.SmartLifecycle;

import com.cometapi.client.catalog.ModelCatalog;

/**
 * Starts the scheduled refreshes of the {@link ModelCatalog} with the application context
 * and stops them with it.
 *
 * @author CometAPI team
 */
class ModelCatalogLifecycle implements SmartLifecycle {

	private final ModelCatalog catalog;

	ModelCatalogLifecycle(ModelCatalog catalog) {
		this.catalog = catalog;
	}

	@Override
	public void start() {
		this.catalog.start();
	}

	@Override
	public void stop() {
		this.catalog.stop();
	}

	@Override
	public boolean isRunning() {
		return this.catalog.isRunning();
	}

}
