package com.cometapi.sample.chat;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatRequest;

/**
 * Chat over HTTP when the sample runs as a web application: a whole answer, or a stream
 * of text as server-sent events.
 *
 * @author CometAPI team
 */
@RestController
class ChatController {

	private final CometTemplate comet;

	ChatController(CometTemplate comet) {
		this.comet = comet;
	}

	@GetMapping("/chat")
	Mono<String> chat(@RequestParam(defaultValue = "Say hello.") String prompt) {
		return this.comet.prompt(prompt).map(ChatCompletion::content);
	}

	@GetMapping(path = "/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<String> stream(@RequestParam(defaultValue = "Tell me a short story.") String prompt) {
		return this.comet.stream(ChatRequest.of(null, prompt)).mapNotNull(ChatCompletionChunk::contentDelta);
	}

}
