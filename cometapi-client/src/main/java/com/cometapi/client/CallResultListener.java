package com.cometapi.client;

import com.cometapi.client.wire.CallResult;

/**
 * Receives the {@link CallResult} of a streamed call, which the chunks themselves do not
 * carry. Put one in the Reactor context of the subscription under {@link #CONTEXT_KEY}:
 * <pre class="code">
 * comet.stream(request).contextWrite((context) -&gt; context.put(CallResultListener.CONTEXT_KEY, listener))
 * </pre> It is told twice at most: when the first chunk has arrived (the served model,
 * the attempts and the request id, no cost yet), and when the stream has completed, just
 * before the subscriber's {@code onComplete} (the same with the estimated cost, now that
 * the usage is known). A stream that fails or is cancelled before its first chunk tells
 * it nothing; one that fails or is cancelled later is not told the second time. It must
 * not block or throw.
 *
 * @author CometAPI team
 */
@FunctionalInterface
public interface CallResultListener {

	/**
	 * The key of the listener in the Reactor context.
	 */
	Object CONTEXT_KEY = CallResultListener.class;

	/**
	 * Receive the result of the streamed call so far.
	 * @param result how the call was served
	 */
	void onResult(CallResult result);

}
