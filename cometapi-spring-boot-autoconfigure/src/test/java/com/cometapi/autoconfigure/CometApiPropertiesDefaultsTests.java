package com.cometapi.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import com.cometapi.client.CometTemplate;
import com.cometapi.client.cluster.ClusterDefaults;
import com.cometapi.client.resilience.ConcurrencySettings;
import com.cometapi.client.resilience.CooldownSettings;
import com.cometapi.client.resilience.RetryBudget;
import com.cometapi.client.resilience.RetrySettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defaults are written once, in the client; the properties read them from there. The
 * configuration processor cannot see a default read from another class, so the README's
 * property table is what users read: each default it documents must be the one the
 * properties start with.
 */
class CometApiPropertiesDefaultsTests {

	private static final Pattern ROW = Pattern.compile("^\\| `cometapi\\.([a-z0-9.-]+)` \\| `([^`]+)` \\|");

	@Test
	void readmeTableDocumentsTheDefaultsThePropertiesStartWith() throws IOException {
		BeanWrapperImpl defaults = new BeanWrapperImpl(new CometApiProperties());
		List<String> checked = new ArrayList<>();
		List<String> wrong = new ArrayList<>();
		for (String line : Files.readAllLines(readme())) {
			Matcher row = ROW.matcher(line);
			if (!row.find() || row.group(1).contains("<") || row.group(2).startsWith("$")) {
				// a map, or a default read from the environment ($COMETAPI_KEY)
				continue;
			}
			String name = row.group(1);
			String documented = row.group(2);
			CometApiProperties bound = new Binder(
					new MapConfigurationPropertySource(Map.of("cometapi." + name, documented)))
				.bind("cometapi", CometApiProperties.class)
				.get();
			String path = camelCase(name);
			Object expected = new BeanWrapperImpl(bound).getPropertyValue(path);
			Object actual = defaults.getPropertyValue(path);
			if (!Objects.equals(expected, actual)) {
				wrong.add("cometapi." + name + ": README says " + documented + ", the default is " + actual);
			}
			checked.add(name);
		}
		assertThat(wrong).isEmpty();
		assertThat(checked).contains("base-url", "connect-timeout", "response-timeout", "timeout", "max-response-size",
				"max-connections", "retry.max-attempts", "retry.jitter", "retry.budget.ratio", "retry.budget.window",
				"fallback.cooldown.duration", "concurrency.max-in-flight", "concurrency.max-queued",
				"stream.first-chunk-timeout", "stream.include-usage", "observation.health.stale-after",
				"cluster.redis-timeout", "cluster.on-redis-failure");
	}

	@Test
	void propertiesStartFromTheClientDefaults() {
		CometApiProperties properties = new CometApiProperties();
		assertThat(properties.getBaseUrl()).isEqualTo(CometTemplate.DEFAULT_BASE_URL);
		assertThat(properties.getTimeout()).isEqualTo(CometTemplate.DEFAULT_TIMEOUT);
		assertThat(properties.getMaxResponseSize().toBytes()).isEqualTo(CometTemplate.DEFAULT_MAX_RESPONSE_SIZE);
		CometApiPropertiesMapper mapper = new CometApiPropertiesMapper(properties);
		assertThat(mapper.retry()).isEqualTo(RetrySettings.DEFAULTS);
		assertThat(mapper.cooldown()).isEqualTo(CooldownSettings.DEFAULTS);
		assertThat(properties.getRetry().getBudget().getWindow()).isEqualTo(RetryBudget.DEFAULT_WINDOW);
		assertThat(properties.getConcurrency().getMaxQueued()).isEqualTo(ConcurrencySettings.DEFAULTS.maxQueued());
		assertThat(properties.getCluster().getOnRedisFailure()).isEqualTo(ClusterDefaults.FAILURE_MODE);
	}

	private static Path readme() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("README.md"))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("README.md above the working directory").isNotNull();
		return dir.resolve("README.md");
	}

	static String camelCase(String name) {
		StringBuilder path = new StringBuilder();
		boolean upper = false;
		for (char c : name.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				path.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return path.toString();
	}

}
