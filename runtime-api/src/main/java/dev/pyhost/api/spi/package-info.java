/** Service-provider interfaces: execution modes, exit handlers, interpreter providers, installation locators. */
package dev.pyhost.api.spi;
