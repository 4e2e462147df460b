/**
 * Process-level services for a {@code python}-compatible launcher: the raw argument bytes, signal dispositions as
 * {@code python} has them, death by a signal, C stdio. Exported to the launcher only.
 */
package dev.pyhost.cpython.process;
