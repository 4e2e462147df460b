/** Built-in exit handlers. */
package dev.pyhost.atexit;
