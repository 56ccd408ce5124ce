package com.cometapi.client;

import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import com.cometapi.client.error.CometExceptionFactory;

/**
 * A raw loopback server for what the mock server cannot script: it answers every request
 * with 200, {@code text/event-stream}, a request id {@code <name>-<n>} and the given
 * bytes (which may never end), until the client goes away. It counts the requests and the
 * closed connections.
 */
final class HostileServer implements AutoCloseable {

	final AtomicInteger requests = new AtomicInteger();

	final AtomicInteger closed = new AtomicInteger();

	private final LoopResources loops;

	private final DisposableServer server;

	/**
	 * Start a server on {@code 127.0.0.1} on a random free port, on its own event loop.
	 * @param name the name of its event loop and the prefix of its request ids
	 * @param body the bytes of every answer
	 */
	HostileServer(String name, Flux<byte[]> body) {
		this.loops = LoopResources.create(name, 1, true);
		this.server = HttpServer.create().host("127.0.0.1").port(0).runOn(this.loops).handle((request, response) -> {
			int number = this.requests.incrementAndGet();
			request.withConnection((connection) -> connection.onDispose(this.closed::incrementAndGet));
			return request.receive()
				.then()
				.then(response.status(200)
					.header("Content-Type", "text/event-stream")
					.header(CometExceptionFactory.REQUEST_ID_HEADER, name + "-" + number)
					.sendByteArray(body)
					.then());
		}).bindNow();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.dispose();
	}

}
