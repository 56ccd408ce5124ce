package com.cometapi.sample.chat;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.CommandLineRunner;
import org.springframework.stereotype.Component;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.catalog.ModelCatalog;
import com.cometapi.client.catalog.ModelPricing;
import com.cometapi.client.wire.CallResult;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.client.wire.ModelList;

/**
 * Asks for one chat completion and one streamed answer on the configured models, prints
 * the catalog's prices of those models, and lists the models the key may use.
 *
 * @author CometAPI team
 */
@Component
class ChatRunner implements CommandLineRunner {

	private static final Log logger = LogFactory.getLog(ChatRunner.class);

	private static final Duration WAIT = Duration.ofMinutes(3);

	private final CometTemplate comet;

	private final Optional<ModelCatalog> catalog;

	ChatRunner(CometTemplate comet, ObjectProvider<ModelCatalog> catalog) {
		this.comet = comet;
		this.catalog = Optional.ofNullable(catalog.getIfAvailable());
	}

	private static String describe(ModelPricing pricing) {
		return "input " + pricing.input() + ", output " + pricing.output() + " " + pricing.currency();
	}

	@Override
	public void run(String... args) {
		String prompt = (args.length > 0) ? String.join(" ", args) : "Say hello in five words.";
		ChatCompletion completion = this.comet.prompt(prompt).block(WAIT);
		CallResult call = completion.callResult();
		logger.info("Completion from " + call.servedModel() + " (" + call.attempts() + " attempt(s), request id "
				+ call.requestId()
				+ (call.fellBack() ? ", after " + call.modelsTriedBefore().size() + " failed model(s)" : "") + "): "
				+ completion.content());
		String story = this.comet.stream(ChatRequest.of(null, "Tell me a very short story."))
			.mapNotNull(ChatCompletionChunk::contentDelta)
			.collect(Collectors.joining())
			.block(WAIT);
		logger.info("Streamed: " + story);
		for (String model : this.comet.getRoute().models()) {
			logger.info("Price of " + model + ": "
					+ this.catalog.flatMap((catalog) -> catalog.pricing(model))
						.map(ChatRunner::describe)
						.orElse("unknown"));
		}
		ModelList models = this.comet.models().block(WAIT);
		logger.info(models.ids().size() + " models available, for example "
				+ models.ids().subList(0, Math.min(5, models.ids().size())));
	}

}
