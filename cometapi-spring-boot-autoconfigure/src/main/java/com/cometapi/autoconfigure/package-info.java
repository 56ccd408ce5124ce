/**
 * Spring Boot auto-configuration of the CometAPI client.
 */
package com.cometapi.autoconfigure;
