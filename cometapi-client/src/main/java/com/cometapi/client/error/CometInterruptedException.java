package com.cometapi.client.error;

/**
 * The thread waiting on a blocking call of {@code CometClient} was interrupted. The call
 * was cancelled (its limiter permit given back, its connection closed) and the thread's
 * interrupt flag is set again before this is thrown, so that the code above still sees
 * the interrupt. Neither transient nor non-transient: the caller gave up, CometAPI did
 * not fail.
 *
 * @author CometAPI team
 */
public class CometInterruptedException extends CometApiException {

	/**
	 * Create a new instance.
	 * @param operation the operation that was waiting, for example {@code chat}
	 * @param cause the interrupt, or {@code null} when the thread was interrupted before
	 * the call started
	 */
	public CometInterruptedException(String operation, InterruptedException cause) {
		super("CometAPI " + operation + " cancelled: the calling thread was interrupted",
				CometError.noResponse("interrupted", null), CometErrorDecision.FAIL, cause);
	}

}
