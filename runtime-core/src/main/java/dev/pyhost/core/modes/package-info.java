/** The built-in execution modes, in CPython's precedence. */
package dev.pyhost.core.modes;
