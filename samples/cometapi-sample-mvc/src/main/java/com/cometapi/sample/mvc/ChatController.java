package com.cometapi.sample.mvc;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.cometapi.client.CometClient;
import com.cometapi.client.error.CometApiException;
import com.cometapi.client.error.CometRateLimitException;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatRequest;

/**
 * Chat over plain Spring MVC with the blocking {@link CometClient}: a whole answer, or
 * the text as it streams in. The client's typed exceptions arrive unwrapped, so an
 * {@link ExceptionHandler} can map them.
 *
 * @author CometAPI team
 */
@RestController
class ChatController {

	private final CometClient comet;

	ChatController(CometClient comet) {
		this.comet = comet;
	}

	@GetMapping("/chat")
	String chat(@RequestParam(defaultValue = "Say hello.") String prompt) {
		return this.comet.prompt(prompt).content();
	}

	@GetMapping(path = "/chat/stream", produces = MediaType.TEXT_PLAIN_VALUE)
	StreamingResponseBody stream(@RequestParam(defaultValue = "Tell me a short story.") String prompt) {
		return (out) -> {
			try (Stream<ChatCompletionChunk> chunks = this.comet.stream(ChatRequest.of(null, prompt))) {
				for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) chunks::iterator) {
					if (chunk.contentDelta() != null) {
						out.write(chunk.contentDelta().getBytes(StandardCharsets.UTF_8));
						out.flush();
					}
				}
			}
		};
	}

	@ExceptionHandler
	ResponseEntity<String> cometFailed(CometApiException ex) {
		HttpStatus status = (ex instanceof CometRateLimitException) ? HttpStatus.TOO_MANY_REQUESTS
				: HttpStatus.BAD_GATEWAY;
		return ResponseEntity.status(status).body("CometAPI call failed (request id " + ex.getRequestId() + ")");
	}

}
