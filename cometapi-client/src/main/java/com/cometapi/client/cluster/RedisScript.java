package com.cometapi.client.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}), sent whole only when the server does
 * not know it yet ({@code NOSCRIPT}). {@link ClusterRedis} loads every script of the
 * shared limits when it connects, so a burst of first calls does not send it once each.
 *
 * @author CometAPI team
 */
final class RedisScript {

	private final String source;

	private final String sha;

	private final ScriptOutputType type;

	RedisScript(String source, ScriptOutputType type) {
		this.source = source;
		this.sha = sha1(source);
		this.type = type;
	}

	<T> CompletionStage<T> run(RedisAsyncCommands<byte[], byte[]> commands, byte[][] keys, byte[]... args) {
		return commands.<T>evalsha(this.sha, this.type, keys, args).handle((result, ex) -> {
			if (ex == null) {
				return CompletableFuture.completedFuture(result);
			}
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (ex instanceof RedisNoScriptException || cause instanceof RedisNoScriptException) {
				return commands.<T>eval(this.source, this.type, keys, args).toCompletableFuture();
			}
			return CompletableFuture.<T>failedFuture(ex);
		}).thenCompose((stage) -> stage);
	}

	String sha() {
		return this.sha;
	}

	CompletionStage<String> load(RedisAsyncCommands<byte[], byte[]> commands) {
		return commands.scriptLoad(this.source.getBytes(StandardCharsets.UTF_8));
	}

	private static String sha1(String script) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
