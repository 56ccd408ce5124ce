package com.cometapi.sample.chat;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.CommandLineRunner;
import org.springframework.stereotype.Component;

import com.cometapi.client.CallResult;
import com.cometapi.client.ChatCompletion;
import com.cometapi.client.CometTemplate;
import com.cometapi.client.ModelList;

/**
 * Asks for one chat completion on the configured models and lists the models the key may
 * use.
 *
 * @author CometAPI team
 */
@Component
class ChatRunner implements CommandLineRunner {

	private static final Log logger = LogFactory.getLog(ChatRunner.class);

	private static final Duration WAIT = Duration.ofMinutes(3);

	private final CometTemplate comet;

	ChatRunner(CometTemplate comet) {
		this.comet = comet;
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
		ModelList models = this.comet.models().block(WAIT);
		logger.info(models.ids().size() + " models available, for example "
				+ models.ids().subList(0, Math.min(5, models.ids().size())));
	}

}
