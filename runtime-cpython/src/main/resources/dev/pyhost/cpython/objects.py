__name__ = "_pyhost_objects"
# The Python half of PyHost's object API (ObjectLayer.java): compiling source that Java hands in,
# describing exceptions for Java (without PyHost's own frames), the JavaException type, and the
# conversions of the standard library's value types (decimal, datetime, range). It lives in a private
# namespace, never in sys.modules, compiled under the file name below; its frames are removed from
# every traceback Java sees. datetime, decimal and traceback are imported when first needed.

import sys
from itertools import count as _count_from

_HELPER_FILE = "<pyhost-objects>"
_INPUT = "<pyhost-input-%d>"
_MAX_SOURCES = 1024
_sources = {}
_numbers = _count_from(1)  # next() on it is atomic: calls come from many threads


class JavaException(Exception):
    """A Java exception thrown by Java code that Python called. java_class names its class; when the
    exception reaches Java again, Java sees the original exception object."""


JavaException.__module__ = "pyhost"


def compile_source(source, mode):
    """Compiles source Java handed in, under a file name of its own whose lines tracebacks can show.
    mode is "eval", "exec" or "auto" (an expression if it parses as one, else statements).
    Returns (code, is_expression)."""
    filename = _INPUT % next(_numbers)
    _sources[filename] = source
    while len(_sources) > _MAX_SOURCES:
        try:
            _sources.pop(next(iter(_sources)), None)
        except RuntimeError:  # another thread changed it meanwhile
            pass
    if mode == "auto":
        code = None
        try:
            code = compile(source, filename, "eval", dont_inherit=True)
        except SyntaxError:
            pass
        if code is not None:
            return code, True
        mode = "exec"
    return compile(source, filename, mode, dont_inherit=True), mode == "eval"


def _qualified(t):
    return t.__qualname__ if t.__module__ == "builtins" else "%s.%s" % (t.__module__, t.__qualname__)


def type_name(o):
    return _qualified(type(o))


def _strip(tb):
    """The traceback without this file's frames."""
    kept = []
    while tb is not None:
        if tb.tb_frame.f_code.co_filename != _HELPER_FILE:
            kept.append(tb)
        tb = tb.tb_next
    if len(kept) == 0:
        return None
    result = None
    for t in reversed(kept):
        result = type(t)(result, t.tb_frame, t.tb_lasti, t.tb_lineno)
    return result


def _chain(exc):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ if exc.__cause__ is not None else exc.__context__


def _format(exc):
    import linecache
    added = []
    for e in _chain(exc):
        tb = e.__traceback__
        while tb is not None:
            name = tb.tb_frame.f_code.co_filename
            if name in _sources and name not in linecache.cache:
                text = _sources[name]
                linecache.cache[name] = (len(text), None, text.splitlines(True), name)
                added.append(name)
            tb = tb.tb_next
    try:
        import traceback
        return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    except BaseException:
        return None
    finally:
        for name in added:
            linecache.cache.pop(name, None)


def describe(exc):
    """The exception for Java: (type name, str(), traceback text, frames innermost first as
    (module, function, file, line), the cause or context to describe next or None, the capsule of a
    Java exception or None)."""
    for e in _chain(exc):
        if e.__traceback__ is not None:
            e.__traceback__ = _strip(e.__traceback__)
    name = _qualified(type(exc))
    try:
        message = str(exc)
    except BaseException:
        message = "<exception str() failed>"
    text = _format(exc)
    if text is None:
        text = "%s: %s\n" % (name, message) if message else name + "\n"
    frames = []
    tb = exc.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        code = frame.f_code
        module = frame.f_globals.get("__name__")
        line = tb.tb_lineno
        frames.append((module if isinstance(module, str) else "", getattr(code, "co_qualname", code.co_name),
                       code.co_filename, line if isinstance(line, int) else -1))
        tb = tb.tb_next
    frames.reverse()
    if exc.__cause__ is not None:
        cause = exc.__cause__
    elif not exc.__suppress_context__:
        cause = exc.__context__
    else:
        cause = None
    java = exc.__dict__.get("_pyhost_throwable") if isinstance(exc, JavaException) else None
    return name, message, text, tuple(frames), cause, java


def java_exception(class_name, message, capsule):
    exc = JavaException(class_name if message is None else "%s: %s" % (class_name, message))
    exc.java_class = class_name
    exc._pyhost_throwable = capsule
    return exc


def name_error(name):
    return NameError("name %r is not defined" % name)


def lookup(namespace, path):
    """Resolves "name.attr.attr" against a globals dict (then builtins)."""
    parts = path.split(".")
    first = parts[0]
    if first in namespace:
        value = namespace[first]
    else:
        builtins = namespace.get("__builtins__", sys.modules["builtins"])
        if isinstance(builtins, dict):
            found = first in builtins
            value = builtins.get(first)
        else:
            found = hasattr(builtins, first)
            value = getattr(builtins, first, None)
        if not found:
            raise NameError("name %r is not defined" % first)
    for attr in parts[1:]:
        value = getattr(value, attr)
    return value


# Conversions of value types: Java builds and reads them through these functions.

def decimal(text):
    import decimal
    return decimal.Decimal(text)


def _offset(o):
    delta = o.utcoffset()
    return None if delta is None else delta.days * 86400 + delta.seconds


def datetime_parts(o):
    zone = getattr(o.tzinfo, "key", None)
    return (o.year, o.month, o.day, o.hour, o.minute, o.second, o.microsecond, _offset(o),
            zone if isinstance(zone, str) else None)


def date_parts(o):
    return (o.year, o.month, o.day)


def time_parts(o):
    return (o.hour, o.minute, o.second, o.microsecond, _offset(o))


def timedelta_parts(o):
    return (o.days, o.seconds, o.microseconds)


def range_parts(o):
    return (o.start, o.stop, o.step)


def _zone(offset, key):
    import datetime
    if key is not None:
        try:
            import zoneinfo
            return zoneinfo.ZoneInfo(key)
        except Exception:
            pass
    return datetime.timezone(datetime.timedelta(seconds=offset))


def make_date(y, m, d):
    import datetime
    return datetime.date(y, m, d)


def make_time(h, mi, s, us, offset):
    import datetime
    return datetime.time(h, mi, s, us, None if offset is None else _zone(offset, None))


def make_datetime(y, m, d, h, mi, s, us, offset, key):
    import datetime
    zone = None if offset is None else _zone(offset, key)
    return datetime.datetime(y, m, d, h, mi, s, us, zone)


def make_timedelta(days, seconds, micros):
    import datetime
    return datetime.timedelta(days=days, seconds=seconds, microseconds=micros)


def make_range(start, stop, step):
    return range(start, stop, step)


def make_bytes(o):
    return bytes(o)


def before_finalize():
    """3.10-3.12 take the thread that first imports threading for the main thread. When that was a Java
    caller's thread (its thread state lives on), threading._shutdown would wait for it forever at
    finalization; forget it there, as CPython does for the main thread itself. 3.13+ know the real one."""
    threading = sys.modules.get("threading")
    if threading is None or sys.version_info >= (3, 13):
        return
    main = threading._main_thread
    if main.ident == threading.get_ident():
        return
    lock = getattr(main, "_tstate_lock", None)
    locks = getattr(threading, "_shutdown_locks", None)
    if lock is not None and locks is not None:
        with threading._shutdown_locks_lock:
            locks.discard(lock)


def run_path_or_module(kind, target, argv):
    """Runs a file or a module as __main__ of a sub-interpreter, with sys.argv and sys.path[0] as python sets
    them, both restored afterwards; the SystemExit code as python would end with it (None: 0, an int: itself,
    anything else printed to stderr: 1); any other exception propagates."""
    import os
    import runpy
    saved_argv = sys.argv
    if kind == "file":
        import pkgutil
        path0 = None if pkgutil.get_importer(target) is not None else os.path.dirname(os.path.realpath(target))
    else:
        path0 = os.getcwd()
    sys.argv = [target] + list(argv)
    if path0 is not None:
        sys.path.insert(0, path0)
    try:
        if kind == "file":
            runpy.run_path(target, None, "__main__")
        else:
            runpy.run_module(target, None, "__main__", True)
        return 0
    except SystemExit as e:
        code = e.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code
        try:
            print(code, file=sys.stderr)
        except Exception:
            pass
        return 1
    finally:
        sys.argv = saved_argv
        if path0 is not None and sys.path and sys.path[0] == path0:
            del sys.path[0]


def before_end_interpreter(seconds):
    """Right before a sub-interpreter ends, on its own thread: joins its threads and returns the names of those still
    running, which Py_EndInterpreter could not survive (it ends the process when its thread is not the last one).
    Non-daemon threads are joined for up to `seconds` (None: no bound), daemon threads (which python would not wait
    for) within the same bound or for one second when there is none. The threads that are not Python threads (Java
    callers, whose thread states PyHost deleted already: threading's pseudo main thread and dummy threads) do not
    count."""
    before_finalize()
    threading = sys.modules.get("threading")
    if threading is None:
        return []
    import time
    me = threading.current_thread()
    foreign = (getattr(threading, "_DummyThread", ()), getattr(threading, "_MainThread", ()))

    def ours():
        return [t for t in threading.enumerate() if t is not me and not isinstance(t, foreign)]

    end = None if seconds is None else time.monotonic() + seconds
    for t in ours():
        if not t.daemon:
            t.join(None if end is None else max(0.0, end - time.monotonic()))
    daemon_end = time.monotonic() + 1.0 if end is None else end
    for t in ours():
        t.join(max(0.0, daemon_end - time.monotonic()))
    return [t.name for t in ours() if t.is_alive()]
