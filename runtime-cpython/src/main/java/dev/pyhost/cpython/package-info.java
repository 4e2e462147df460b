/** The FFM binding to libpython, its interpreter provider and its installation locators. */
package dev.pyhost.cpython;
