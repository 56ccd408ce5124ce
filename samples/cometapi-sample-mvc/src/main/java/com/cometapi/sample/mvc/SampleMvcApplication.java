package com.cometapi.sample.mvc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring MVC application that answers chat requests through the auto-configured
 * blocking {@code CometClient}, one virtual thread per request when
 * {@code spring.threads.virtual.enabled=true} (Java 21 and later). Without
 * {@code COMETAPI_KEY} it runs offline against an embedded CometAPI mock.
 *
 * @author CometAPI team
 */
@SpringBootApplication
public class SampleMvcApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleMvcApplication.class, args);
	}

}
