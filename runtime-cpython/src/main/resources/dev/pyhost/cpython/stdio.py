# PyHost's standard streams: sys.stdin, sys.stdout and sys.stderr over Java streams (StandardStreamsBridge.java).
# Loaded into a private namespace once CPython is initialized; each Java side is a Java function that Python calls
# with the GIL released. A write function takes bytes (or, for character streams and loggers, the text decoded
# again with the stream's encoding) and returns None, or the message of the Java IOException; the read function
# takes a size and returns bytes (b"" at end of file), or that message.

import errno
import io
import sys


class JavaRawOutput(io.RawIOBase):
    """A raw binary stream whose writes go to a Java stream."""

    def __init__(self, write, name, decoder):
        super().__init__()
        self._write = write
        self._name = name
        self._decoder = decoder

    @property
    def name(self):
        return self._name

    @property
    def mode(self):
        return "wb"

    def writable(self):
        return True

    def write(self, b):
        data = bytes(b)
        if self.closed:
            raise ValueError("write to closed file")
        payload = self._decoder.decode(data) if self._decoder is not None else data
        if payload:
            error = self._write(payload)
            if error is not None:
                raise OSError(errno.EIO, error)
        return len(data)

    def __repr__(self):
        return "<pyhost.JavaRawOutput name=%r>" % (self._name,)


class JavaRawInput(io.RawIOBase):
    """A raw binary stream whose reads come from a Java stream."""

    def __init__(self, read, name):
        super().__init__()
        self._read = read
        self._name = name

    @property
    def name(self):
        return self._name

    @property
    def mode(self):
        return "rb"

    def readable(self):
        return True

    def readinto(self, b):
        if self.closed:
            raise ValueError("read from closed file")
        view = memoryview(b).cast("B")
        if len(view) == 0:
            return 0
        data = self._read(len(view))
        if isinstance(data, str):
            raise OSError(errno.EIO, data)
        n = len(data)
        view[:n] = data
        return n

    def __repr__(self):
        return "<pyhost.JavaRawInput name=%r>" % (self._name,)


def _settings(old, stderr):
    """The encoding, error handler and buffering CPython chose for a standard stream (from the configuration)."""
    encoding = getattr(old, "encoding", None)
    errors = getattr(old, "errors", None)
    write_through = getattr(old, "write_through", False)
    if encoding is None:
        encoding = "utf-8" if sys.flags.utf8_mode else io.text_encoding(None)
        if encoding == "locale":
            import locale
            encoding = locale.getpreferredencoding(False)
    if errors is None:
        errors = "backslashreplace" if stderr else ("surrogateescape" if sys.flags.utf8_mode else "strict")
    return encoding, errors, write_through


def _output(name, write, text, stderr):
    old = getattr(sys, name, None)
    encoding, errors, unbuffered = _settings(old, stderr)
    decoder = None
    if text:
        import codecs
        decode_errors = "surrogateescape" if errors == "surrogateescape" else "replace"
        decoder = codecs.getincrementaldecoder(encoding)(decode_errors)
    raw = JavaRawOutput(write, "<%s>" % name, decoder)
    # As python: unbuffered (-u) is the raw stream under a write-through text layer; otherwise buffered, here
    # line-buffered as python is at a terminal, so that the order against Java's own output holds line by line.
    buffer = raw if unbuffered else io.BufferedWriter(raw)
    stream = io.TextIOWrapper(buffer, encoding, errors, "\n", line_buffering=True, write_through=unbuffered)
    stream.mode = "w"
    return stream


def _input(read):
    old = getattr(sys, "stdin", None)
    encoding, errors, _ = _settings(old, False)
    raw = JavaRawInput(read, "<stdin>")
    stream = io.TextIOWrapper(io.BufferedReader(raw), encoding, errors, "\n", line_buffering=False)
    stream.mode = "r"
    stream._pyhost_java = True  # boot.py's run_stdin reads the program from it
    return stream


def install(stdin_read, stdout_write, stdout_text, stderr_write, stderr_text):
    """Replaces the standard streams that have a Java side (None: the stream keeps its file descriptor)."""
    if stdin_read is not None:
        sys.stdin = sys.__stdin__ = _input(stdin_read)
    if stdout_write is not None:
        _flush(sys.stdout)
        sys.stdout = sys.__stdout__ = _output("stdout", stdout_write, stdout_text, False)
    if stderr_write is not None:
        _flush(sys.stderr)
        sys.stderr = sys.__stderr__ = _output("stderr", stderr_write, stderr_text, True)


def _flush(stream):
    if stream is not None:
        try:
            stream.flush()
        except Exception:
            pass
