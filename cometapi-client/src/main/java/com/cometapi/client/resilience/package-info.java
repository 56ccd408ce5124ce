/**
 * The call pipeline's resilience: retry with backoff, model fallback, cooldowns, the
 * retry budget and the concurrency limiter.
 */
package com.cometapi.client.resilience;
