/** Public API of PyHost: configuration, interpreters, outcomes and errors. */
package dev.pyhost.api;
