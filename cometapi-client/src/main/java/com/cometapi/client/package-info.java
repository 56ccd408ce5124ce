/**
 * The CometAPI client: {@link com.cometapi.client.CometTemplate} and its wire types.
 */
package com.cometapi.client;
