package com.cometapi.autoconfigure.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.observation.CometCallContext;
import com.cometapi.client.observation.CometFallbackEvent;

/**
 * Publishes a {@link CometFallbackApplicationEvent} for every {@link CometFallbackEvent}
 * a call observation signals, on the thread that signalled it.
 *
 * @author CometAPI team
 */
class CometFallbackEventPublisher implements ObservationHandler<CometCallContext> {

	private final ApplicationEventPublisher publisher;

	private final ObjectProvider<CometTemplate> templates;

	private volatile CometTemplate template;

	CometFallbackEventPublisher(ApplicationEventPublisher publisher, ObjectProvider<CometTemplate> template) {
		this.publisher = publisher;
		this.templates = template;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof CometCallContext;
	}

	@Override
	public void onEvent(Observation.Event event, CometCallContext context) {
		if (!(event instanceof CometFallbackEvent fallback)) {
			return;
		}
		CometTemplate template = this.template;
		if (template == null) {
			template = this.templates.getIfUnique();
			this.template = template;
		}
		if (template != null) {
			this.publisher.publishEvent(
					new CometFallbackApplicationEvent(template, fallback.from(), fallback.to(), fallback.reason()));
		}
	}

}
