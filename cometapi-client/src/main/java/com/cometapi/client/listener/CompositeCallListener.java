package com.cometapi.client.listener;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import reactor.util.context.Context;

/**
 * Tells several listeners, in order; a call that every listener ignores gets
 * {@link CallHandle#NOOP}.
 *
 * @author CometAPI team
 */
final class CompositeCallListener implements CometCallListener {

	private final CometCallListener[] listeners;

	CompositeCallListener(List<CometCallListener> listeners) {
		this.listeners = listeners.toArray(CometCallListener[]::new);
	}

	@Override
	public CallHandle callStarted(String operation, String route, String requestedModel, Object request) {
		CallHandle first = null;
		List<CallHandle> more = null;
		for (CometCallListener listener : this.listeners) {
			CallHandle handle = listener.callStarted(operation, route, requestedModel, request);
			if (handle == CallHandle.NOOP) {
				continue;
			}
			if (first == null) {
				first = handle;
			}
			else {
				if (more == null) {
					more = new ArrayList<>(this.listeners.length);
					more.add(first);
				}
				more.add(handle);
			}
		}
		if (more != null) {
			return new CompositeCallHandle(more.toArray(CallHandle[]::new));
		}
		return (first != null) ? first : CallHandle.NOOP;
	}

	private record CompositeCallHandle(CallHandle[] handles) implements CallHandle {

		@Override
		public AttemptHandle attemptStarted(String model, int attempt) {
			List<AttemptHandle> attempts = new ArrayList<>(this.handles.length);
			for (CallHandle handle : this.handles) {
				AttemptHandle started = handle.attemptStarted(model, attempt);
				if (started != AttemptHandle.NOOP) {
					attempts.add(started);
				}
			}
			if (attempts.isEmpty()) {
				return AttemptHandle.NOOP;
			}
			return (attempts.size() == 1) ? attempts.get(0)
					: new CompositeAttemptHandle(attempts.toArray(AttemptHandle[]::new));
		}

		@Override
		public void retry(String model, int attempts, Duration delay, String reason) {
			for (CallHandle handle : this.handles) {
				handle.retry(model, attempts, delay, reason);
			}
		}

		@Override
		public void fallback(String from, String to, String reason) {
			for (CallHandle handle : this.handles) {
				handle.fallback(from, to, reason);
			}
		}

		@Override
		public void firstChunk(String model, Duration latency) {
			for (CallHandle handle : this.handles) {
				handle.firstChunk(model, latency);
			}
		}

		@Override
		public Consumer<Object> elements() {
			Consumer<Object> all = null;
			for (CallHandle handle : this.handles) {
				Consumer<Object> elements = handle.elements();
				if (elements != null) {
					all = (all != null) ? all.andThen(elements) : elements;
				}
			}
			return all;
		}

		@Override
		public void succeeded(String servedModel, int attempts, boolean fellBack, String requestId, Object response,
				TokenCounts usage, BigDecimal estimatedCost) {
			for (CallHandle handle : this.handles) {
				handle.succeeded(servedModel, attempts, fellBack, requestId, response, usage, estimatedCost);
			}
		}

		@Override
		public void failed(Throwable error, int attempts, String streamedModel, TokenCounts usage) {
			for (CallHandle handle : this.handles) {
				handle.failed(error, attempts, streamedModel, usage);
			}
		}

		@Override
		public void cancelled(int attempts) {
			for (CallHandle handle : this.handles) {
				handle.cancelled(attempts);
			}
		}

		@Override
		public Context contextWrite(Context context) {
			Context written = context;
			for (CallHandle handle : this.handles) {
				written = handle.contextWrite(written);
			}
			return written;
		}

	}

	private record CompositeAttemptHandle(AttemptHandle[] handles) implements AttemptHandle {

		@Override
		public void succeeded(String requestId) {
			for (AttemptHandle handle : this.handles) {
				handle.succeeded(requestId);
			}
		}

		@Override
		public void failed(Throwable error) {
			for (AttemptHandle handle : this.handles) {
				handle.failed(error);
			}
		}

		@Override
		public void cancelled(boolean deadlinePassed) {
			for (AttemptHandle handle : this.handles) {
				handle.cancelled(deadlinePassed);
			}
		}

	}

}
