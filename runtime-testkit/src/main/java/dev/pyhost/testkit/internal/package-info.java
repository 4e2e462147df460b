/** The kit's inner workings (not exported): the process's one runtime slot, the Python helper module, capturing. */
package dev.pyhost.testkit.internal;
