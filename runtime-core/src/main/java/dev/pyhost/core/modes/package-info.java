/** The built-in execution modes, in CPython's precedence (see {@link dev.pyhost.api.spi.BuiltinPlugins}). */
package dev.pyhost.core.modes;
