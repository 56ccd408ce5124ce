package com.cometapi.client.cluster;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * The shared rate as a generic cell rate algorithm (GCRA) in one Lua script: Redis keeps
 * per model the theoretical arrival time of the next request, in microseconds of Redis's
 * own clock ({@code TIME}), so instances need no synchronised clocks and every
 * reservation is one atomic round trip with no compare-and-swap retries. A reservation
 * returns how long the caller must wait for its slot, or {@code -1} when that is longer
 * than the maximum wait (nothing is reserved then).
 *
 * @author CometAPI team
 */
final class RateScript {

	private static final String RESERVE = """
			local t = redis.call('TIME')
			local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
			local interval = tonumber(ARGV[1])
			local tau = tonumber(ARGV[2])
			local tat = tonumber(redis.call('GET', KEYS[1]) or now)
			if tat < now then tat = now end
			local wait = tat - tau - now
			if wait < 0 then wait = 0 end
			if wait > tonumber(ARGV[3]) then return -1 end
			local next = tat + interval
			redis.call('SET', KEYS[1], string.format('%d', next), 'PX', math.ceil((next - now) / 1000) + 1000)
			return wait
			""";

	private static final String GIVE_BACK = """
			local t = redis.call('TIME')
			local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
			local tat = tonumber(redis.call('GET', KEYS[1]))
			if not tat then return 0 end
			local back = tat - tonumber(ARGV[1])
			if back <= now then redis.call('DEL', KEYS[1]) return 0 end
			redis.call('SET', KEYS[1], string.format('%d', back), 'PX', math.ceil((back - now) / 1000) + 1000)
			return 1
			""";

	private static final String RESERVE_SHA = sha1(RESERVE);

	private static final String GIVE_BACK_SHA = sha1(GIVE_BACK);

	private final byte[][] reserveArgs;

	private final byte[][] giveBackArgs;

	RateScript(long intervalMicros, long burst, long maxWaitMicros) {
		byte[] interval = ascii(intervalMicros);
		this.reserveArgs = new byte[][] { interval, ascii(intervalMicros * (burst - 1)), ascii(maxWaitMicros) };
		this.giveBackArgs = new byte[][] { interval };
	}

	CompletionStage<Long> reserve(RedisAsyncCommands<byte[], byte[]> commands, byte[] key) {
		return run(commands, RESERVE, RESERVE_SHA, key, this.reserveArgs);
	}

	CompletionStage<Long> giveBack(RedisAsyncCommands<byte[], byte[]> commands, byte[] key) {
		return run(commands, GIVE_BACK, GIVE_BACK_SHA, key, this.giveBackArgs);
	}

	private static CompletionStage<Long> run(RedisAsyncCommands<byte[], byte[]> commands, String script, String sha,
			byte[] key, byte[][] args) {
		byte[][] keys = { key };
		return commands.<Long>evalsha(sha, ScriptOutputType.INTEGER, keys, args).handle((result, ex) -> {
			if (ex == null) {
				return CompletableFuture.completedFuture(result);
			}
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (ex instanceof RedisNoScriptException || cause instanceof RedisNoScriptException) {
				return commands.<Long>eval(script, ScriptOutputType.INTEGER, keys, args).toCompletableFuture();
			}
			return CompletableFuture.<Long>failedFuture(ex);
		}).thenCompose((stage) -> stage);
	}

	private static byte[] ascii(long value) {
		return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
	}

	private static String sha1(String script) {
		try {
			byte[] digest = java.security.MessageDigest.getInstance("SHA-1")
				.digest(script.getBytes(StandardCharsets.UTF_8));
			return java.util.HexFormat.of().formatHex(digest);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
