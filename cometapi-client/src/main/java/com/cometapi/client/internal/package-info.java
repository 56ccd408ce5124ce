/**
 * Helpers the client shares with the Spring Boot auto-configuration. Internal: public
 * only to cross modules, with no compatibility promise; applications must not use them.
 */
package com.cometapi.client.internal;
