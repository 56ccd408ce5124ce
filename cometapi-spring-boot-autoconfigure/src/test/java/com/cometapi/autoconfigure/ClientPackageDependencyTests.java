package com.cometapi.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client packages stay usable without Spring Boot: none of their sources imports
 * {@code org.springframework.boot}.
 */
class ClientPackageDependencyTests {

	@Test
	void clientPackagesDoNotDependOnSpringBoot() throws IOException {
		Path client = Path.of("src/main/java/com/cometapi/client");
		assertThat(client).isDirectory();
		List<Path> offenders;
		try (Stream<Path> files = Files.walk(client)) {
			offenders = files.filter((file) -> file.toString().endsWith(".java"))
				.filter(ClientPackageDependencyTests::importsSpringBoot)
				.toList();
		}
		assertThat(offenders).isEmpty();
	}

	private static boolean importsSpringBoot(Path file) {
		try {
			return Files.readAllLines(file)
				.stream()
				.anyMatch((line) -> line.startsWith("import org.springframework.boot")
						|| line.startsWith("import static org.springframework.boot"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
