/** The lifecycle manager and the provider registry. */
package dev.pyhost.core;
