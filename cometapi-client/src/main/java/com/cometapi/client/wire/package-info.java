/**
 * The JSON shapes of the CometAPI wire: requests, responses, stream chunks and their
 * parts, the mapper settings they are read and written with ({@link CometJson}), and the
 * {@link CallResult} a response carries. They depend on no other package of the client
 * but the error types and the observation's read interfaces they implement.
 */
package com.cometapi.client.wire;
