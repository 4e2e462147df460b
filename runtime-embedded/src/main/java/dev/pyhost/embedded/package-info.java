/** The embedded CPython: its cache and its installation locator. */
package dev.pyhost.embedded;
