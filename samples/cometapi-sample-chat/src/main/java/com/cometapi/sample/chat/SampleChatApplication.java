package com.cometapi.sample.chat;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A command-line application that asks CometAPI for a chat completion and lists the
 * models, through the auto-configured {@code CometTemplate}. Without {@code COMETAPI_KEY}
 * it runs offline against an embedded CometAPI mock.
 *
 * @author CometAPI team
 */
@SpringBootApplication
public class SampleChatApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleChatApplication.class, args);
	}

}
