package com.cometapi.client;

import com.cometapi.client.wire.Usage;

/**
 * What one successful HTTP attempt produced.
 *
 * @param <T> the body type
 * @param body the decoded body
 * @param requestId CometAPI's request id, or {@code null}
 * @param usage the token usage the server reported, or {@code null}
 * @author CometAPI team
 */
record AttemptResult<T>(T body, String requestId, Usage usage) {

}
