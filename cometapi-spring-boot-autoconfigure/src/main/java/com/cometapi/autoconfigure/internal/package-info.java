/**
 * Helpers shared by the auto-configuration packages. Internal: public only so that the
 * feature packages can reach them; no compatibility promise.
 */
package com.cometapi.autoconfigure.internal;
