package com.cometapi.client.error;

/**
 * How an attempt failed, before its status and body are looked at.
 *
 * @author CometAPI team
 */
public enum CometFailureKind {

	/**
	 * The server answered with a status that is not a success.
	 */
	HTTP_STATUS,

	/**
	 * No response arrived in time.
	 */
	TIMEOUT,

	/**
	 * The connection failed or was reset before a response arrived.
	 */
	CONNECTION,

	/**
	 * A successful status came with a body that could not be read.
	 */
	MALFORMED_RESPONSE

}
