/**
 * The CometAPI client: {@link com.cometapi.client.CometTemplate}, the blocking
 * {@link com.cometapi.client.CometClient} and the call pipeline behind them. The request
 * and response types are in {@link com.cometapi.client.wire}.
 */
package com.cometapi.client;
