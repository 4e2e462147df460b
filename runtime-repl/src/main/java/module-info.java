/**
 * The interactive terminal REPL of PyHost: an {@link dev.pyhost.api.spi.ExecutionMode} (id {@code repl}) that
 * reads statements with JLine 3 (line editing, completion, history, reverse search, bracketed paste) and leaves
 * every Python decision to the {@link dev.pyhost.api.spi.InteractiveBackend}.
 *
 * @provides dev.pyhost.api.spi.ExecutionMode
 */
module dev.pyhost.repl {
    requires transitive dev.pyhost.api;
    requires org.jline;
    requires static transitive com.google.auto.service;

    exports dev.pyhost.repl;

    provides dev.pyhost.api.spi.ExecutionMode with dev.pyhost.repl.ReplMode;
}
