/**
 * Test support for the CometAPI client: a scriptable CometAPI on loopback.
 */
package com.cometapi.test;
