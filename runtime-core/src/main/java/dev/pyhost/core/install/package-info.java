/**
 * Finding CPython installations: the built-in locators ({@code PYHOST_PYTHON}, {@code VIRTUAL_ENV},
 * {@code python3} on {@code PATH}) and deriving an installation from a python executable.
 */
package dev.pyhost.core.install;
