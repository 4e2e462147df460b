/** The {@code python}-compatible launcher. */
package dev.pyhost.launcher;
