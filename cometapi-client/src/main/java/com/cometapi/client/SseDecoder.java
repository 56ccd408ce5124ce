package com.cometapi.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;

/**
 * Reads server-sent events from raw bytes, as CometAPI sends them: {@code data:} lines
 * (several join with a newline), {@code event:} names, comment lines ({@code : PING})
 * skipped, a blank line ending an event, lines split across buffers, {@code \n},
 * {@code \r\n} or {@code \r} line ends. A bare JSON line (one that starts with
 * <code>{</code>) is read as data, since gateways sometimes send an error that way. One
 * decoder per stream: it keeps the partial line between buffers. Every buffer is released
 * as soon as its bytes are copied. A stream may have at most a given number of bytes in
 * all, which bounds every line and every event too: past it, the decoder fails with a
 * {@link StreamFailure} of kind {@link StreamFailure.Kind#TOO_LARGE} and holds no more
 * than that many bytes.
 *
 * @author CometAPI team
 */
final class SseDecoder {

	private final int maxBytes;

	private long received;

	private byte[] line = new byte[256];

	private int lineLength;

	private final StringBuilder data = new StringBuilder();

	private String event;

	private boolean hasData;

	private boolean lastWasCarriageReturn;

	/**
	 * Create a decoder for one stream.
	 * @param maxBytes the most bytes the stream may have
	 */
	SseDecoder(int maxBytes) {
		this.maxBytes = maxBytes;
	}

	/**
	 * Decode a body into events, holding at most two buffers ahead of the subscriber's
	 * demand.
	 * @param body the raw body
	 * @param maxBytes the most bytes the body may have
	 * @return the events
	 */
	static Flux<SseEvent> decode(Flux<DataBuffer> body, int maxBytes) {
		return Flux.defer(() -> {
			SseDecoder decoder = new SseDecoder(maxBytes);
			return body.concatMapIterable(decoder::feed, 2)
				.concatWith(Flux.defer(() -> Flux.fromIterable(decoder.finish())))
				.doOnDiscard(DataBuffer.class, DataBufferUtils::release);
		});
	}

	List<SseEvent> feed(DataBuffer buffer) {
		byte[] bytes;
		try {
			bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
		}
		finally {
			DataBufferUtils.release(buffer);
		}
		return feed(bytes);
	}

	List<SseEvent> feed(byte[] bytes) {
		this.received += bytes.length;
		if (this.received > this.maxBytes) {
			throw new StreamFailure(StreamFailure.Kind.TOO_LARGE,
					"the stream is larger than cometapi.max-response-size (" + this.maxBytes + " bytes)", null, null);
		}
		List<SseEvent> events = null;
		int start = 0;
		for (int i = 0; i < bytes.length; i++) {
			byte b = bytes[i];
			if (b != '\n' && b != '\r') {
				continue;
			}
			if (i > start) {
				append(bytes, start, i - start);
				this.lastWasCarriageReturn = false;
			}
			start = i + 1;
			if (b == '\n' && this.lastWasCarriageReturn) {
				this.lastWasCarriageReturn = false;
				continue;
			}
			this.lastWasCarriageReturn = (b == '\r');
			SseEvent event = endLine();
			if (event != null) {
				events = (events != null) ? events : new ArrayList<>(2);
				events.add(event);
			}
		}
		if (start < bytes.length) {
			append(bytes, start, bytes.length - start);
			this.lastWasCarriageReturn = false;
		}
		return (events != null) ? events : List.of();
	}

	private void append(byte[] bytes, int offset, int length) {
		int needed = this.lineLength + length;
		if (needed > this.line.length) {
			this.line = Arrays.copyOf(this.line, Math.max(needed, Math.min(this.line.length * 2, this.maxBytes)));
		}
		System.arraycopy(bytes, offset, this.line, this.lineLength, length);
		this.lineLength = needed;
	}

	List<SseEvent> finish() {
		List<SseEvent> events = new ArrayList<>(1);
		if (this.lineLength > 0) {
			SseEvent event = endLine();
			if (event != null) {
				events.add(event);
			}
		}
		SseEvent last = dispatch();
		if (last != null) {
			events.add(last);
		}
		return events;
	}

	private SseEvent endLine() {
		String text = new String(this.line, 0, this.lineLength, StandardCharsets.UTF_8);
		this.lineLength = 0;
		if (text.isEmpty()) {
			return dispatch();
		}
		if (text.charAt(0) == ':') {
			return null;
		}
		if (text.charAt(0) == '{') {
			appendData(text);
			return null;
		}
		int colon = text.indexOf(':');
		String field = (colon >= 0) ? text.substring(0, colon) : text;
		String value = (colon >= 0) ? text.substring(colon + 1) : "";
		if (value.startsWith(" ")) {
			value = value.substring(1);
		}
		if ("data".equals(field)) {
			appendData(value);
		}
		else if ("event".equals(field)) {
			this.event = value;
		}
		return null;
	}

	private void appendData(String value) {
		if (this.hasData) {
			this.data.append('\n');
		}
		this.data.append(value);
		this.hasData = true;
	}

	private SseEvent dispatch() {
		SseEvent dispatched = this.hasData ? new SseEvent(this.event, this.data.toString()) : null;
		this.data.setLength(0);
		this.hasData = false;
		this.event = null;
		return dispatched;
	}

}
