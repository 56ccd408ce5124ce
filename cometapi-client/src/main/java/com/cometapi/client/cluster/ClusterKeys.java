package com.cometapi.client.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names the Redis keys of the shared limits. Every key starts with
 * {@code cometapi:<first 16 hex digits of the SHA-256 of the API key>:}, so instances
 * sharing a key share their limits and the key itself never reaches Redis.
 *
 * @author CometAPI team
 */
final class ClusterKeys {

	private ClusterKeys() {
	}

	/**
	 * Return the prefix of the Redis keys for an API key.
	 * @param apiKey the CometAPI key
	 * @return {@code cometapi:} and 16 hex digits of the key's SHA-256 and {@code :}
	 */
	static String prefix(String apiKey) {
		if (apiKey == null || apiKey.isBlank()) {
			throw new IllegalArgumentException("apiKey must not be blank");
		}
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
			return "cometapi:" + HexFormat.of().formatHex(hash, 0, 8) + ":";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
