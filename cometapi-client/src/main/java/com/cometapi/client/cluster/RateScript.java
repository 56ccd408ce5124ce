package com.cometapi.client.cluster;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * The shared rate as a generic cell rate algorithm (GCRA) in one Lua script: Redis keeps
 * per model the theoretical arrival time of the next request, in microseconds of Redis's
 * own clock ({@code TIME}), so instances need no synchronised clocks and every
 * reservation is one atomic round trip with no compare-and-swap retries. A reservation
 * returns how long the caller must wait for its slot, or {@code -1} when that is longer
 * than the maximum wait (nothing is reserved then).
 * <p>
 * A stored value that is not a number, not a string, or later than its own expiry allows
 * (every value is written with an expiry that ends one second after it) is treated as
 * absent and overwritten, so garbage at a key never rejects calls nor fails the script.
 *
 * @author CometAPI team
 */
final class RateScript {

	private static final String STORED = """
			local function stored(key, now)
				local tat = tonumber(redis.pcall('GET', key))
				if not tat or tat ~= tat then return nil end
				if tat > now then
					local ttl = redis.call('PTTL', key)
					if ttl < 0 or (tat - now) / 1000 > ttl then return nil end
				end
				return tat
			end
			local t = redis.call('TIME')
			local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
			""";

	static final RedisScript RESERVE = new RedisScript(STORED + """
			local interval = tonumber(ARGV[1])
			local tau = tonumber(ARGV[2])
			local tat = stored(KEYS[1], now)
			if not tat or tat < now then tat = now end
			local wait = tat - tau - now
			if wait < 0 then wait = 0 end
			if wait > tonumber(ARGV[3]) then return -1 end
			local next = tat + interval
			redis.call('SET', KEYS[1], string.format('%d', next), 'PX', math.ceil((next - now) / 1000) + 1000)
			return wait
			""", ScriptOutputType.INTEGER);

	static final RedisScript GIVE_BACK = new RedisScript(STORED + """
			local tat = stored(KEYS[1], now)
			if not tat then return 0 end
			local back = tat - tonumber(ARGV[1])
			if back <= now then redis.call('DEL', KEYS[1]) return 0 end
			redis.call('SET', KEYS[1], string.format('%d', back), 'PX', math.ceil((back - now) / 1000) + 1000)
			return 1
			""", ScriptOutputType.INTEGER);

	private final byte[][] reserveArgs;

	private final byte[][] giveBackArgs;

	RateScript(long intervalMicros, long burst, long maxWaitMicros) {
		byte[] interval = ascii(intervalMicros);
		this.reserveArgs = new byte[][] { interval, ascii(intervalMicros * (burst - 1)), ascii(maxWaitMicros) };
		this.giveBackArgs = new byte[][] { interval };
	}

	CompletionStage<Long> reserve(RedisAsyncCommands<byte[], byte[]> commands, byte[] key) {
		return RESERVE.run(commands, new byte[][] { key }, this.reserveArgs);
	}

	CompletionStage<Long> giveBack(RedisAsyncCommands<byte[], byte[]> commands, byte[] key) {
		return GIVE_BACK.run(commands, new byte[][] { key }, this.giveBackArgs);
	}

	private static byte[] ascii(long value) {
		return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
	}

}
