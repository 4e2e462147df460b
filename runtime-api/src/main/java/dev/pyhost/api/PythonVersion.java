package dev.pyhost.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CPython version, as {@code Py_GetVersion()} or {@code sys.version_info} reports it.
 *
 * @param major the major version (3)
 * @param minor the minor version
 * @param micro the micro version
 */
public record PythonVersion(int major, int minor, int micro) implements Comparable<PythonVersion> {
    private static final Pattern LEADING = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** Validates the numbers. */
    public PythonVersion {
        if (major < 0 || minor < 0 || micro < 0) {
            throw new IllegalArgumentException("version numbers must not be negative: " + major + "." + minor + "." + micro);
        }
    }

    /**
     * Parses the leading {@code X.Y[.Z]} of a version text such as {@code 3.13.0 (main, ...)}.
     *
     * @param text the text
     * @return the version
     * @throws IllegalArgumentException if the text does not start with a version
     */
    public static PythonVersion parse(String text) {
        Matcher m = LEADING.matcher(text.strip());
        if (!m.find()) {
            throw new IllegalArgumentException("not a Python version: '" + text + "'");
        }
        return new PythonVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    /**
     * Tells whether this version is at least {@code major.minor}.
     *
     * @param major the major version
     * @param minor the minor version
     * @return whether this version is that one or newer
     */
    public boolean atLeast(int major, int minor) {
        return this.major > major || (this.major == major && this.minor >= minor);
    }

    /** {@return {@code major.minor}, as in {@code libpython3.13}} */
    public String feature() {
        return major + "." + minor;
    }

    @Override
    public int compareTo(PythonVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(micro, o.micro);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro;
    }
}
