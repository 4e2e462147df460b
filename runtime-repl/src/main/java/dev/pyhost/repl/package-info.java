/**
 * PyHost's terminal REPL: {@link dev.pyhost.repl.ReplMode}, an execution mode (id {@code repl}, order 900) used
 * when standard input and output are terminals and no command, module or file is given, and for the inspect-mode
 * REPL after the main code on a terminal. Line editing, completion, history and paste come from JLine 3; every
 * Python decision (prompts, when a statement is complete, running it, completions) is made by the
 * {@link dev.pyhost.api.spi.InteractiveBackend}.
 */
package dev.pyhost.repl;
