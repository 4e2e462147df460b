/** numpy and OpenBLAS as an add-on of the embedded CPython ({@link dev.pyhost.numpy.NumpyAddOn}). */
package dev.pyhost.numpy;
