package com.cometapi.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;

/**
 * Plain JDK HTTP client for the tests.
 */
final class Http {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final CometApiMockServer server;

	Http(CometApiMockServer server) {
		this.server = server;
	}

	HttpResponse<String> chat(String model) throws IOException {
		return post("/v1/chat/completions", chatBody(model, false, false));
	}

	CompletableFuture<HttpResponse<String>> chatAsync(String model) {
		HttpRequest request = request("/v1/chat/completions").timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(chatBody(model, false, false)))
			.build();
		return this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Send a streaming chat request over a raw socket; the caller reads and closes it.
	 */
	Socket openStream(String model) throws IOException {
		String body = chatBody(model, true, true);
		Socket socket = new Socket("127.0.0.1", this.server.port());
		String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				+ "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
		socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
		socket.getOutputStream().flush();
		return socket;
	}

	/**
	 * Send a chat request with {@code Connection: close} over a raw socket and read the
	 * whole answer.
	 */
	String chatWithConnectionClose(String model) throws IOException {
		String body = chatBody(model, false, false);
		try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
			socket.setSoTimeout(5000);
			String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
					+ "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
			socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/**
	 * Send a chat request over a raw socket and close it without reading the answer.
	 */
	void chatAndHangUp(String model) throws IOException {
		String body = chatBody(model, false, false);
		try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
			String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
			socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().flush();
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> this.server.inFlight() == 1);
		}
	}

	HttpResponse<String> post(String path, String json) throws IOException {
		return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)).build());
	}

	HttpResponse<String> get(String path) throws IOException {
		return send(request(path).GET().build());
	}

	HttpResponse<Stream<String>> streamChat(String model, boolean includeUsage) throws IOException {
		HttpRequest request = request("/v1/chat/completions")
			.POST(HttpRequest.BodyPublishers.ofString(chatBody(model, true, includeUsage)))
			.build();
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofLines());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	static String chatBody(String model, boolean stream, boolean includeUsage) {
		String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";
		if (stream) {
			body += ",\"stream\":true";
		}
		if (includeUsage) {
			body += ",\"stream_options\":{\"include_usage\":true}";
		}
		return body + "}";
	}

	static JsonNode json(String body) {
		try {
			return MAPPER.readTree(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.server.baseUrl() + path))
			.timeout(Duration.ofSeconds(5))
			.header("Authorization", "Bearer test-key")
			.header("Content-Type", "application/json");
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

}
