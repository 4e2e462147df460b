/** The FFM binding to libpython and its interpreter provider; not exported (the launcher uses {@code dev.pyhost.cpython.process}). */
package dev.pyhost.cpython;
