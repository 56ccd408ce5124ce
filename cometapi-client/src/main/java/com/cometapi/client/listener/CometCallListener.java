package com.cometapi.client.listener;

import java.util.List;

/**
 * Listens to the calls of a template, as plain values: a call starts, each attempt starts
 * and ends, a retry waits, a fallback moves on, a stream's first chunk arrives, the call
 * ends. Micrometer observation is one such listener
 * ({@code com.cometapi.client.observation.ObservationCallListener}); install others with
 * {@code CometTemplate.Builder.listener(...)}. Implementations must be thread-safe and
 * must not block or throw.
 *
 * @author CometAPI team
 */
@FunctionalInterface
public interface CometCallListener {

	/**
	 * The listener that ignores every call.
	 */
	CometCallListener NOOP = (operation, route, requestedModel, request) -> CallHandle.NOOP;

	/**
	 * A call starts.
	 * @param operation the operation: {@code chat} or {@code embeddings}
	 * @param route the route, or {@code null} for the default one
	 * @param requestedModel the key of the first model of the call
	 * @param request the request, or {@code null}
	 * @return what to tell about the rest of the call; {@link CallHandle#NOOP} to ignore
	 * it
	 */
	CallHandle callStarted(String operation, String route, String requestedModel, Object request);

	/**
	 * Return a listener that tells each of the given listeners, in order.
	 * @param listeners the listeners
	 * @return {@link #NOOP} for none, the listener itself for one, else a composite
	 */
	static CometCallListener of(List<? extends CometCallListener> listeners) {
		List<CometCallListener> active = listeners.stream()
			.filter((listener) -> listener != null && listener != NOOP)
			.map(CometCallListener.class::cast)
			.toList();
		if (active.isEmpty()) {
			return NOOP;
		}
		return (active.size() == 1) ? active.get(0) : new CompositeCallListener(active);
	}

}
