package com.cometapi.client.cluster;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * One sync of the shared retry budget in one atomic Lua script: adds this instance's new
 * calls and retries to the counters of the current second, then returns the cluster's
 * calls and retries over the window. A counter that is not a whole number from 0 to
 * 10<sup>12</sup> (or not a string) counts as absent and is overwritten, or, outside the
 * current second, given the counters' expiry, so garbage never fails a sync.
 *
 * @author CometAPI team
 */
final class BudgetScript {

	static final RedisScript SYNC = new RedisScript("""
			local function count(value)
				local n = tonumber(value)
				if n and n >= 0 and n <= 1e12 and n == math.floor(n) then return n end
				return nil
			end
			local window = #KEYS / 2
			local ttl = ARGV[3]
			for i, delta in ipairs({ tonumber(ARGV[1]), tonumber(ARGV[2]) }) do
				local key = KEYS[(i - 1) * window + 1]
				if delta > 0 then
					if count(redis.pcall('GET', key)) then
						redis.call('INCRBY', key, delta)
					else
						redis.call('SET', key, delta)
					end
					redis.call('EXPIRE', key, ttl)
				end
			end
			local calls, retries = 0, 0
			for i = 1, #KEYS do
				local value = redis.pcall('GET', KEYS[i])
				local n = count(value)
				if n then
					if i <= window then calls = calls + n else retries = retries + n end
				elseif value then
					redis.call('EXPIRE', KEYS[i], ttl)
				end
			end
			return { calls, retries }
			""", ScriptOutputType.MULTI);

	private final byte[] ttl;

	BudgetScript(long ttlSeconds) {
		this.ttl = ascii(ttlSeconds);
	}

	/**
	 * Push new counts and read the window's totals.
	 * @param commands the connection's commands
	 * @param keys the calls counters of the window, newest first, then the retries
	 * counters in the same order
	 * @param calls new calls of this instance
	 * @param retries new retries of this instance
	 * @return the cluster's calls and retries in the window
	 */
	CompletionStage<List<Long>> sync(RedisAsyncCommands<byte[], byte[]> commands, byte[][] keys, long calls,
			long retries) {
		return SYNC.run(commands, keys, ascii(calls), ascii(retries), this.ttl);
	}

	private static byte[] ascii(long value) {
		return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
	}

}
