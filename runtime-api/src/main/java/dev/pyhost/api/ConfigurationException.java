package dev.pyhost.api;

import java.io.Serial;

/** A {@link RuntimeConfig} setting has a value that CPython would not accept. */
public final class ConfigurationException extends PyHostException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String setting;

    /**
     * Creates the exception.
     *
     * @param setting the name of the setting (the {@code PyConfig} field name)
     * @param message the message, naming the setting and the rejected value
     */
    public ConfigurationException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** {@return the name of the rejected setting} */
    public String setting() {
        return setting;
    }
}
