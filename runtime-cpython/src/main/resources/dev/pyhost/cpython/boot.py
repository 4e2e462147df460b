__name__ = "_pyhost_boot"
# PyHost's bootstrap. It re-expresses the run-main logic of CPython's Modules/main.c and
# Python/pythonrun.c (pymain_run_*, PyErr_Print, _Py_HandleSystemExit, the interactive loop) so that
# no path can reach C exit(). It lives in a private namespace, never in sys.modules, and imports
# nothing that the C code would not import on the same path.
#
# Every entry point is a generator. User-visible work (compiling and running user code, calling
# hooks, auditing) is not done here but yielded as a step (callable, args): the Java driver
# (Bootstrap.java) performs the call from C, so no frame of this file is ever on the stack of user
# code or in its tracebacks. The driver sends back (True, result) or (False, exception). The
# generator's return value is encoded with encode() and decoded by BootCodec.java. This file runs
# in the namespace of describe.py, whose _describe it uses.
#
# What an entry point returns is a plain value (None, bool, int, float, str, bytes, list, tuple,
# dict) or a record: a kind and named fields, which BootCodec turns into one Java type per kind.
#   completed()                            RunOutcome.Completed
#   exited(code)                           RunOutcome.Exited
#   raised(error), interrupted(error)      RunOutcome.Raised, RunOutcome.Interrupted
#   failed(status, reason)                 RunOutcome.Failed
#   exception(type, message, traceback)    PythonException (the error of raised and interrupted)
#   returned(value)                        the result of an Interpreter call

import sys
import _io

_posix = sys.modules.get("posix") or __import__("posix")
_VERSION = sys.version_info[:2]
_PyCF_DONT_IMPLY_DEDENT = 0x200
_PyCF_ALLOW_INCOMPLETE_INPUT = 0x4000
_COMPOUND = frozenset(("if", "while", "for", "try", "with", "def", "class", "async"))


class _State:
    inspect = 0
    interactive = 0
    program_name = "python3"
    use_environment = 1
    stdin_buffer = b""
    interactive_count = 0


state = _State()


# ---------------------------------------------------------------------------------------------
# Driver protocol


# A step whose callable is EVAL_CODE is run by the driver as PyEval_EvalCode(code, globals, globals): no
# builtin-function call sits between C and the code, so the recursion depth left to user code is CPython's.
EVAL_CODE = object()

# A step (DISPLAY_EXCEPTION, (file, type, value, traceback)) is run by the driver as CPython 3.10-3.12's
# _PyErr_Display, the printer behind sys.__excepthook__, writing to file. Its result is 1, or 0 when this
# CPython does not export the printer.
DISPLAY_EXCEPTION = object()


# A step (UNHANDLED_INTERRUPT, (value,)) reads CPython's own unhandled-KeyboardInterrupt flag, the one Py_RunMain
# reads after finalizing, and sets it when value is not None. Its result is the value before (True or False). The
# driver itself clears and sets it around every EVAL_CODE step as run_eval_code_obj does (3.10-3.13); CPython
# changes it too, in every exec or eval of a string.
UNHANDLED_INTERRUPT = object()

# A step (RUN_FILE, (fd, filename_bytes, namespace, skip_first_line)) is run by the driver as PyRun_FileExFlags on
# fdopen(fd) (fd -1: C's stdin), closing it: CPython's file tokenizer reads and decodes the source.
RUN_FILE = object()


def _done(value):
    return value
    yield  # makes this a generator


def start(name, *args):
    """Calls an entry point and returns a generator for the Java driver."""
    result = _ENTRIES[name](*args)
    if hasattr(result, "send") and hasattr(result, "gi_frame"):
        return result
    return _done(result)


def advance(gen, ok, value):
    """Resumes gen; returns (callable, args) for a step, or (None, encoded result) at the end."""
    try:
        if ok < 0:
            step = next(gen)
        else:
            step = gen.send((bool(ok), value))
    except StopIteration as stop:
        return (None, encode(stop.value))
    return step


# ---------------------------------------------------------------------------------------------
# Encoding for Java (BootCodec.java)


class _Encoded:
    """A value encoded already (every record is), written out as it is."""
    __slots__ = ("data",)

    def __init__(self, data):
        self.data = data


def encode(value):
    """Encodes None, bool, int, float, str, bytes, lists, tuples, dicts and records for Java."""
    if type(value) is _Encoded:
        return value.data
    out = bytearray()
    _encode(value, out)
    return bytes(out)


def _encode(v, out):
    if v is None:
        out += b"N"
    elif v is True:
        out += b"T"
    elif v is False:
        out += b"F"
    elif isinstance(v, int):
        out += b"I%d;" % v
    elif isinstance(v, float):
        out += b"D" + repr(v).encode("ascii") + b";"
    elif isinstance(v, str):
        data = v.encode("utf-8", "surrogatepass")
        out += b"S%d:" % len(data)
        out += data
    elif isinstance(v, (bytes, bytearray)):
        out += b"B%d:" % len(v)
        out += v
    elif isinstance(v, (list, tuple)):
        out += (b"L" if isinstance(v, list) else b"U") + b"%d:" % len(v)
        for item in v:
            _encode(item, out)
    elif isinstance(v, dict):
        out += b"M%d:" % len(v)
        for key, item in v.items():
            _encode(key, out)
            _encode(item, out)
    elif type(v) is _Encoded:
        out += v.data
    else:
        raise TypeError("cannot convert a Python %s to a Java value" % type(v).__qualname__)


def _record(kind, **fields):
    """A record for Java, encoded at once: its kind and its named fields (see the table at the top)."""
    return _Encoded(b"R" + encode(kind) + encode(fields))


_COMPLETED = _record("completed")
_RETURNED_NONE = _record("returned", value=None)
_RETURNED = b"R" + encode("returned") + b"M1:" + encode("value")  # then the encoded value


def _exited(code):
    return _record("exited", code=code)


def _failed(status, reason):
    return _record("failed", status=status, reason=reason)


def _exception(exc):
    """The exception as data: type name, str() and the traceback text."""
    name, message = _describe(exc)
    text = yield from _traceback_text(exc)
    if text is None:
        text = "%s: %s\n" % (name, message) if message else name + "\n"
    return _record("exception", type=name, message=message, traceback=text)


def _raised(exc):
    """The outcome of an exception that escaped (printed already): raised, or interrupted for KeyboardInterrupt."""
    error = yield from _exception(exc)
    return _record("interrupted" if isinstance(exc, KeyboardInterrupt) else "raised", error=error)


def _traceback_text(exc):
    """The exception as the default sys.excepthook prints it, without colour; None if it cannot be formatted.
    3.10-3.12 print with C code and import nothing, so the same C printer writes the text to a buffer; 3.13+
    print with the traceback module, which formats it the same way."""
    if _VERSION < (3, 13):
        buffer = _io.StringIO()
        ok, shown = yield (DISPLAY_EXCEPTION, (buffer, type(exc), exc, exc.__traceback__))
        if ok and shown:
            return buffer.getvalue()
    try:
        return _format_with_traceback_module(exc)
    except BaseException:
        return None


def _format_with_traceback_module(exc):
    """traceback.format_exception with the limit the printer uses; sys.modules ends as it was (a custom
    sys.excepthook does not import traceback, so python's sys.modules would not have it)."""
    module = sys.modules.get("traceback")
    before = None
    if module is None:
        before = set(sys.modules)
    try:
        if module is None:
            import traceback as module
        limit = getattr(module, "BUILTIN_EXCEPTION_LIMIT", None)
        return "".join(module.format_exception(exc, limit=limit))
    finally:
        if before is not None:
            for name in list(sys.modules):
                if name not in before:
                    sys.modules.pop(name, None)


# ---------------------------------------------------------------------------------------------
# Small services


def configure(inspect, interactive, program_name, use_environment):
    state.inspect = inspect
    state.interactive = interactive
    state.program_name = program_name
    state.use_environment = use_environment
    import posix
    posix.register_at_fork(before=_before_fork, after_in_child=_after_fork_in_child)
    return None


# 3.12+ warn at os.fork() when the process has more than one OS thread, which a JVM always has. Python shows the
# warning when Python code runs threads; so does PyHost, counting the threads that threading knows, as CPython
# itself does where it cannot count OS threads. 3.13+ warn after the after-fork hooks, so the filter that hides
# the warning stays until the next fork decides again.
_FORK_WARNING = r"This process \(pid=\d+\) is multi-threaded, use of \w+\(\) may lead to deadlocks in the child\."
_fork_filter = []


def _before_fork():
    import warnings
    if _fork_filter:
        try:
            warnings.filters.remove(_fork_filter.pop())
            warnings._filters_mutated()
        except ValueError:
            pass
    threading = sys.modules.get("threading")
    if threading is not None and len(threading._active) + len(threading._limbo) > 1:
        return
    warnings.filterwarnings("ignore", message=_FORK_WARNING, category=DeprecationWarning)
    _fork_filter.append(warnings.filters[0])


# A child of os.fork() has one thread, the one that forked; the JVM's others, and the JVM locks they held, stayed
# in the parent. Java code run in the child can block forever on such a lock (loading a class needs one), so the
# child never returns to Java: when the outermost Python frame of its thread returns or raises, the child ends
# here, as Py_RunMain ends a child: the error printed, threads joined, atexit callbacks run, streams flushed, then
# _exit with python's status (SIGINT after an unhandled KeyboardInterrupt).
def _after_fork_in_child():
    top = sys._getframe(1)
    while top.f_back is not None:
        top = top.f_back
    try:
        if _VERSION >= (3, 12):
            _watch_with_monitoring(top)
        else:
            _watch_with_trace(top)
    except BaseException:
        pass


def _watch_with_monitoring(top):
    mon = sys.monitoring
    for tool in (4, 3, 2, 1, 0):
        try:
            mon.use_tool_id(tool, "pyhost fork child")
            break
        except ValueError:
            continue
    else:
        return

    def returned(code, offset, value):
        if sys._getframe(1) is top:
            _end_child(None)
        return None

    def unwound(code, offset, exc):
        if sys._getframe(1) is top:
            _end_child(exc)
        return None

    mon.register_callback(tool, mon.events.PY_RETURN, returned)
    mon.register_callback(tool, mon.events.PY_UNWIND, unwound)
    mon.set_local_events(tool, top.f_code, mon.events.PY_RETURN)
    mon.set_events(tool, mon.events.PY_UNWIND)


def _watch_with_trace(top):
    pending = [None]

    def local(frame, event, arg):
        if event == "exception":
            pending[0] = arg
        elif event == "line":
            pending[0] = None
        elif event == "return":
            if pending[0] is None:
                _end_child(None)
            else:
                # 3.10-3.11 give the exception its traceback after the frame's trace: take the event's
                _end_child(pending[0][1], pending[0][2])
        return local

    sys.settrace(lambda frame, event, arg: None)
    top.f_trace = local


def _end_child(exc, tb=None):
    import posix
    status = 0
    interrupted = False
    if exc is not None:
        if isinstance(exc, SystemExit) and not state.inspect:
            status, shown = _exit_code(exc)
            _show_exit_code(shown)
        else:
            status = 1
            interrupted = isinstance(exc, KeyboardInterrupt)
            hook = getattr(sys, "excepthook", None)
            try:
                if hook is None:
                    _write_stderr("sys.excepthook is missing\n")
                    _display(exc)
                else:
                    hook(type(exc), exc, exc.__traceback__ if tb is None else tb)
            except SystemExit as exit_exc:
                status, interrupted = _exit_code(exit_exc)[0], False
            except BaseException as hook_exc:
                _write_stderr("Error in sys.excepthook:\n")
                _display(hook_exc)
                _write_stderr("\nOriginal exception was:\n")
                _display(exc)
    threading = sys.modules.get("threading")
    try:
        if threading is not None:
            threading._shutdown()
    except BaseException:
        pass
    try:
        import atexit
        atexit._run_exitfuncs()
    except BaseException:
        pass
    for name in ("stderr", "stdout"):
        f = getattr(sys, name, None)
        if f is not None:
            try:
                f.flush()
            except BaseException:
                status = 120
    if interrupted:
        import signal
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        posix.kill(posix.getpid(), signal.SIGINT)
    posix._exit(status)


def set_inspect(flag):
    state.inspect = flag
    return None


def unhandled_keyboard_interrupt():
    ok, value = yield (UNHANDLED_INTERRUPT, (None,))
    return bool(value)


def prepend_path(entry):
    sys.path.insert(0, entry)
    return None


def importer_path(path):
    """pymain_get_importer: the path when PyImport_GetImporter(path) is not None, else None."""
    cache = sys.path_importer_cache
    try:
        importer = cache[path]
    except KeyError:
        importer = None
        error = None
        for hook in sys.path_hooks:
            ok, value = yield (hook, (path,))
            if ok:
                importer = value
                cache[path] = importer
                break
            if not isinstance(value, ImportError):
                error = value
                break
        if error is not None:
            yield from _importer_failed(error)
            return None
    except BaseException as exc:
        yield from _importer_failed(exc)
        return None
    return path if importer is not None else None


def _importer_failed(exc):
    _write_stderr("Failed checking if argv[0] is an import path entry\n")
    if (yield from _system_exit_code(exc)) is None:
        yield from _print_exception(exc)


def import_readline():
    for name in ("readline", "rlcompleter"):
        try:
            __import__(name)
        except ImportError:
            pass
    return None


def print_header(site_import):
    text = "Python %s on %s\n" % (sys.version, sys.platform)
    if site_import:
        text += 'Type "help", "copyright", "credits" or "license" for more information.\n'
    _write_fd(2, text)
    return None


def _write_fd(fd, text):
    data = text.encode("utf-8", "backslashreplace")
    while data:
        n = _posix.write(fd, data)
        data = data[n:]


def _write_stderr(text):
    """PySys_WriteStderr: to sys.stderr, or to file descriptor 2 when it is missing or None."""
    f = getattr(sys, "stderr", None)
    if f is None:
        _write_fd(2, text)
        return
    try:
        f.write(text)
    except BaseException:
        pass


def _flush_io():
    for name in ("stderr", "stdout"):
        f = getattr(sys, name, None)
        if f is not None:
            try:
                f.flush()
            except BaseException:
                pass


def _main_dict():
    main = sys.modules.get("__main__")
    if main is None:
        main = type(sys)("__main__")
        sys.modules["__main__"] = main
    return main.__dict__


def _c_int(value):
    """(int)PyLong_AsLong(value): truncation to a C int; -1 when it does not fit in a C long."""
    limit = 1 << 63
    if value >= limit or value < -limit:
        return -1
    return ((value + (1 << 31)) % (1 << 32)) - (1 << 31)


def _bare(exc):
    """An exception raised here on behalf of C code: without this file's frames, as C would raise it."""
    exc.__traceback__ = None
    return exc


def _audit(event, *args):
    """sys.audit, called from C as CPython calls it (a failing hook's traceback shows no frame of this file);
    the exception a hook raised, else None."""
    ok, value = yield (sys.audit, (event,) + args)
    return None if ok else value


# ---------------------------------------------------------------------------------------------
# Error printing: _Py_HandleSystemExit, PyErr_Print, pymain_err_print


def _exit_code(exc):
    """The status a SystemExit asks for, as _Py_HandleSystemExit reads it: (status, None) for None (0) and ints
    (truncated as C truncates them); (1, code) for any other code, which the run prints."""
    try:
        code = exc.code
    except BaseException:
        code = exc
    if code is None:
        return 0, None
    if isinstance(code, int):
        return _c_int(code), None
    return 1, code


def _system_exit_code(exc):
    """_Py_HandleSystemExit: the exit code when exc must end the run, else None. A generator: on 3.14 (where
    PyErr_Print records an unhandled KeyboardInterrupt) it sets CPython's flag."""
    if _VERSION >= (3, 14) and isinstance(exc, KeyboardInterrupt):
        yield (UNHANDLED_INTERRUPT, (True,))
        return None
    if state.inspect or not isinstance(exc, SystemExit):
        return None
    status, shown = _exit_code(exc)
    _show_exit_code(shown)
    return status


def _show_exit_code(shown):
    """Prints a SystemExit code that is not an int (None: nothing), as _Py_HandleSystemExit prints it."""
    if shown is None:
        return
    try:
        text = str(shown)
    except BaseException:
        text = ""
    _write_stderr(text)
    _write_stderr("\n")


def _display(exc):
    """PyErr_DisplayException."""
    hook = getattr(sys, "__excepthook__", None)
    if hook is not None:
        hook(type(exc), exc, exc.__traceback__)


def _print_exception(exc):
    """PyErr_Print for an exception that does not end the run; returns an exit code if the
    excepthook raised SystemExit, else None."""
    typ = type(exc)
    tb = exc.__traceback__
    if _VERSION >= (3, 12):
        sys.last_exc = exc
    sys.last_type = typ
    sys.last_value = exc
    sys.last_traceback = tb
    hook = getattr(sys, "excepthook", None)
    try:
        sys.audit("sys.excepthook", hook, typ, exc, tb)
    except RuntimeError:
        return None
    except BaseException:
        pass
    if hook is None:
        _write_stderr("sys.excepthook is missing\n")
        _display(exc)
        return None
    ok, result = yield (hook, (typ, exc, tb))
    if not ok:
        code = yield from _system_exit_code(result)
        if code is not None:
            return code
        _write_stderr("Error in sys.excepthook:\n")
        _display(result)
        _write_stderr("\nOriginal exception was:\n")
        _display(exc)
    return None


def _err_print(exc):
    """pymain_err_print: the exit code when SystemExit ends the run, else None after printing."""
    code = yield from _system_exit_code(exc)
    if code is not None:
        return code
    return (yield from _print_exception(exc))


def _ended_by(exc):
    """PyErr_Print as the PyRun_Simple* functions and pymain_exit_err_print reach it: the exit code when a
    SystemExit ends the run, else the exception, printed."""
    code = yield from _err_print(exc)
    return exc if code is None else code


def _outcome(ending):
    """The record of how main code ended: None ran to its end, an int is the status a SystemExit asked for,
    an exception (printed already) escaped."""
    if ending is None:
        return _COMPLETED
    if type(ending) is int:
        return _exited(ending)
    return (yield from _raised(ending))


def _error_outcome(exc):
    return (yield from _outcome((yield from _ended_by(exc))))


def _eval(code, namespace):
    """run_eval_code_obj: runs code; the driver tracks an unhandled KeyboardInterrupt around it as CPython does."""
    if "__builtins__" not in namespace:
        namespace["__builtins__"] = sys.modules["builtins"].__dict__
    return (yield (EVAL_CODE, (code, namespace)))


def _compile(source, filename, mode):
    return (yield (compile, (source, filename, mode, 0, True)))


# ---------------------------------------------------------------------------------------------
# Runners


def run_command(command):
    """pymain_run_command."""
    error = yield from _audit("cpython.run_command", command)
    if error is not None:
        return (yield from _error_outcome(error))
    try:
        command.encode("utf-8")
    except UnicodeEncodeError as exc:
        _write_stderr("Unable to decode the command from the command line:\n")
        return (yield from _error_outcome(_bare(exc)))
    if _VERSION >= (3, 14):
        command = _dedent(command)
    ok, code = yield from _compile(command, "<string>", "exec")
    if not ok:
        return (yield from _error_outcome(code))
    if _VERSION >= (3, 14):
        _register_source(code, command, "<string>")
    elif _VERSION >= (3, 13):
        _register_source("<string>", command, "<string>")
    ok, value = yield from _eval(code, _main_dict())
    if not ok:
        return (yield from _error_outcome(value))
    return _COMPLETED


def _dedent(text):
    """_PyUnicode_Dedent: removes the common leading whitespace of the non-blank lines."""
    lines = text.split("\n")
    margin = None
    for line in lines:
        stripped = line.lstrip(" \t")
        if not stripped:
            continue
        indent = line[: len(line) - len(stripped)]
        if margin is None:
            margin = indent
        else:
            i = 0
            while i < len(margin) and i < len(indent) and margin[i] == indent[i]:
                i += 1
            margin = margin[:i]
    if not margin:
        return text
    return "\n".join(line[len(margin):] if line.startswith(margin) else line.lstrip(" \t") for line in lines)


def _register_source(key, source, name):
    try:
        import linecache
        register = linecache._register_code
    except (ImportError, AttributeError):
        return
    register(key, source, name)


def run_module(module, set_argv0):
    """pymain_run_module."""
    error = yield from _audit("cpython.run_module", module)
    if error is not None:
        return (yield from _error_outcome(error))
    ok, runpy = yield (__import__, ("runpy",))
    if not ok:
        _write_fd(2, "Could not import runpy module\n")
        return (yield from _error_outcome(runpy))
    runner = getattr(runpy, "_run_module_as_main", None)
    if runner is None:
        _write_fd(2, "Could not access runpy._run_module_as_main\n")
        return (yield from _error_outcome(AttributeError("_run_module_as_main")))
    ok, value = yield (runner, (module, bool(set_argv0)))
    if not ok:
        if type(value) is KeyboardInterrupt and _VERSION < (3, 14):
            yield (UNHANDLED_INTERRUPT, (True,))
        return (yield from _error_outcome(value))
    return _COMPLETED


def run_file(filename, skip_first_line):
    """pymain_run_file."""
    error = yield from _audit("cpython.run_file", filename)
    if error is not None:
        return (yield from _error_outcome(error))
    try:
        fd = _posix.open(filename, _posix.O_RDONLY | getattr(_posix, "O_CLOEXEC", 0))
    except OSError as exc:
        _write_stderr("%s: can't open file %r: [Errno %d] %s\n"
                      % (state.program_name, filename, exc.errno, exc.strerror))
        return _failed(2, "can't open file")
    try:
        is_dir = (_posix.fstat(fd).st_mode & 0o170000) == 0o040000
    except BaseException:
        _posix.close(fd)
        raise
    if is_dir:
        _posix.close(fd)
        _write_stderr("%s: %r is a directory, cannot continue\n" % (state.program_name, filename))
        return _failed(1, "is a directory")
    return (yield from _outcome((yield from _run_simple_file(fd, filename, not skip_first_line, skip_first_line))))


def _read_all(fd):
    chunks = []
    while True:
        chunk = _posix.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _run_simple_file(fd, filename, sniff, skip_first_line=False):
    """_PyRun_SimpleFileObject on a descriptor, which it closes (-1: C's stdin, left open): how the code ended, as
    _outcome reads it. Source runs from a C FILE* (the RUN_FILE step), so CPython's file tokenizer decodes it and
    reports what it refuses as python does. sniff: look for a .pyc magic number (a file at its start)."""
    namespace = _main_dict()
    set_file_name = "__file__" not in namespace
    if set_file_name:
        namespace["__file__"] = filename
        namespace["__cached__"] = None
    external = sys.modules["_frozen_importlib_external"]
    pyc = filename.endswith(".pyc") or (sniff and fd >= 0 and _starts_with(fd, external.MAGIC_NUMBER[:2]))
    if pyc:
        namespace["__loader__"] = external.SourcelessFileLoader("__main__", filename)
        try:
            data = _read_all(fd)
        finally:
            if fd >= 0:
                _posix.close(fd)
        if skip_first_line:
            newline = data.find(b"\n")
            data = data[newline:] if newline >= 0 else b""
        code = _load_pyc(data)
        ok = not isinstance(code, BaseException)
        if ok:
            ok, code = yield from _eval(code, namespace)
    else:
        if filename != "<stdin>":
            namespace["__loader__"] = external.SourceFileLoader("__main__", filename)
        encoded = filename.encode(sys.getfilesystemencoding(), sys.getfilesystemencodeerrors())
        ok, code = yield (RUN_FILE, (fd, encoded, namespace, skip_first_line))
    return (yield from _simple_file_ended(ok, code, namespace, set_file_name))


def _simple_file_ended(ok, code, namespace, set_file_name):
    """The end of _PyRun_SimpleFileObject: streams flushed, the error printed, __file__ removed again after a run
    that did not end the process; the ending for _outcome."""
    _flush_io()
    ending = None
    if not ok:
        ending = yield from _ended_by(code)
        if type(ending) is int:
            return ending
    if set_file_name:
        namespace.pop("__file__", None)
        namespace.pop("__cached__", None)
    return ending


def _starts_with(fd, magic):
    """maybe_pyc_file: whether a file read from its start (ftell 0; not a pipe) begins with magic; rewinds it."""
    try:
        if _posix.lseek(fd, 0, 1) != 0:
            return False
        head = _posix.read(fd, len(magic))
        _posix.lseek(fd, 0, 0)
    except OSError:
        return False
    return head == magic


def _load_pyc(data):
    """run_pyc_file: the code object, or the RuntimeError CPython would set."""
    import marshal
    if data[:4] != sys.modules["_frozen_importlib_external"].MAGIC_NUMBER:
        return RuntimeError("Bad magic number in .pyc file")
    try:
        code = marshal.loads(data[16:])
    except Exception:
        code = None
    if type(code).__name__ != "code":
        return RuntimeError("Bad code object in .pyc file")
    return code


def run_stdin(stdin_interactive):
    """pymain_run_stdin."""
    if stdin_interactive:
        code = yield from _before_session(True)
        if code is not None:
            return _exited(code)
    error = yield from _audit("cpython.run_stdin")
    if error is not None:
        return (yield from _error_outcome(error))
    stdin = getattr(sys, "stdin", None)
    java = getattr(stdin, "_pyhost_java", False)
    if (not java and _posix.isatty(0)) or state.interactive:
        return (yield from _interactive_loop("<stdin>"))
    if java:
        return (yield from _outcome((yield from _run_java_stdin(stdin))))
    return (yield from _outcome((yield from _run_simple_file(-1, "<stdin>", False))))


def _run_java_stdin(stdin):
    """The program on a standard input that a Java stream gives (StandardStreamsBridge): read to its end, compiled
    from its bytes (so a coding declaration applies, as CPython's tokenizer applies it) and run as __main__."""
    namespace = _main_dict()
    set_file_name = "__file__" not in namespace
    if set_file_name:
        namespace["__file__"] = "<stdin>"
        namespace["__cached__"] = None
    try:
        source = stdin.buffer.read()
    except BaseException as e:
        return (yield from _ended_by(e))
    ok, code = yield from _compile(source, "<stdin>", "exec")
    if ok:
        ok, code = yield from _eval(code, namespace)
    return (yield from _simple_file_ended(ok, code, namespace, set_file_name))


def run_inspect_loop():
    """The REPL part of pymain_repl (the caller has checked the conditions and reset inspect)."""
    code = yield from _before_session(False)
    if code is not None:
        return _exited(code)
    return (yield from _interactive_loop("<stdin>"))


def _before_session(startup):
    """What CPython runs before an interactive session on standard input: PYTHONSTARTUP (when startup, with
    inspect mode off) and sys.__interactivehook__. The exit code when a SystemExit ended the run there, else
    None. Serves run_stdin, run_inspect_loop and the terminal front end (repl_before_session)."""
    if startup:
        state.inspect = 0
        code = yield from _run_startup()
        if code is not None:
            return code
    return (yield from _run_interactive_hook())


def _run_startup():
    """pymain_run_startup: the exit code when SystemExit ends the run, else None."""
    if not state.use_environment:
        return None
    env = _posix.environ.get(b"PYTHONSTARTUP")
    if not env:
        return None
    startup = env.decode(sys.getfilesystemencoding(), "surrogateescape")
    error = yield from _audit("cpython.run_startup", startup)
    if error is not None:
        return (yield from _err_print(error))
    try:
        fd = _posix.open(startup, _posix.O_RDONLY)
    except OSError as exc:
        _write_stderr("Could not open PYTHONSTARTUP\n")
        return (yield from _err_print(OSError(exc.errno, exc.strerror, startup)))
    ending = yield from _run_simple_file(fd, startup, False)
    return ending if type(ending) is int else None


def _run_interactive_hook():
    """pymain_run_interactive_hook: the exit code when SystemExit ends the run, else None."""
    hook = getattr(sys, "__interactivehook__", None)
    if hook is None:
        return None
    error = yield from _audit("cpython.run_interactivehook", hook)
    if error is None:
        ok, value = yield (hook, ())
        if ok:
            return None
        error = value
    _write_stderr("Failed calling sys.__interactivehook__\n")
    return (yield from _err_print(error))


# ---------------------------------------------------------------------------------------------
# The basic interactive loop (_PyRun_InteractiveLoopObject) on a non-terminal stream


def _default_prompts():
    """sys.ps1 and sys.ps2 as the interactive loop sets them when they are absent."""
    if not hasattr(sys, "ps1"):
        sys.ps1 = ">>> "
    if not hasattr(sys, "ps2"):
        sys.ps2 = "... "


def _interactive_loop(filename):
    _default_prompts()
    nomem = 0
    while True:
        result = yield from _interactive_one(filename)
        if result is None:
            return _COMPLETED
        if result is True:
            nomem = 0
            continue
        exc = result
        if isinstance(exc, MemoryError):
            nomem += 1
            if nomem > 16:
                return _failed(1, "too many consecutive MemoryErrors")
        else:
            nomem = 0
        code = yield from _err_print(exc)
        if code is not None:
            return _exited(code)
        _flush_io()


def _prompt(name):
    value = getattr(sys, name, None)
    if value is None:
        return ""
    try:
        return str(value)
    except BaseException:
        return ""


def _read_line(prompt):
    """PyOS_StdioReadline: the prompt on file descriptor 2, then one line of bytes (b'' at EOF). It reads as C's
    fgets does, in chunks (100 bytes, then as many as read so far plus 2) each cut at its first null byte, until one
    ends with a newline: a null byte drops the rest of its chunk, and the line goes on with the next."""
    if prompt:
        _write_fd(2, prompt)
    line = b""
    while True:
        chunk = _fgets(len(line) + 2 if line else 100)
        if not chunk:
            return line
        nul = chunk.find(b"\0")
        if nul >= 0:
            chunk = chunk[:nul]
        line += chunk
        if line.endswith(b"\n"):
            return line


def _fgets(size):
    """fgets on standard input: at most size - 1 bytes, up to and including a newline; b'' at EOF."""
    limit = size - 1
    while True:
        newline = state.stdin_buffer.find(b"\n", 0, limit)
        if newline >= 0 or len(state.stdin_buffer) >= limit:
            end = newline + 1 if newline >= 0 else limit
            chunk = state.stdin_buffer[:end]
            state.stdin_buffer = state.stdin_buffer[end:]
            return chunk
        try:
            more = _posix.read(0, 4096)
        except OSError:
            more = b""
        if not more:
            chunk = state.stdin_buffer
            state.stdin_buffer = b""
            return chunk
        state.stdin_buffer += more


def _stdin_encoding():
    f = getattr(sys, "stdin", None)
    try:
        encoding = f.encoding if f is not None else None
    except BaseException:
        encoding = None
    return encoding or "utf-8"


def _is_compound(first_line):
    stripped = first_line.lstrip()
    if stripped.startswith("@"):
        return True
    word = stripped.split(None, 1)[0] if stripped else ""
    for sep in ":(":
        word = word.split(sep, 1)[0]
    if word in _COMPOUND:
        return True
    return word == "match" and stripped.rstrip().endswith(":")


def _verdict(lines, filename):
    """Whether the lines form a statement, as the interactive loop decides: True when it is complete, None
    when more input is needed (an open bracket, block or string; a compound statement ends with an empty
    line), else the error that makes it invalid."""
    verdict = _check("".join(lines), filename)
    if verdict is True and lines and _is_compound(lines[0]) and lines[-1].strip():
        return None
    return verdict


def _check(source, filename):
    """True when source compiles as a statement, None when more input is needed, else the error."""
    flags = _PyCF_DONT_IMPLY_DEDENT | (_PyCF_ALLOW_INCOMPLETE_INPUT if _ALLOWS_INCOMPLETE else 0)
    try:
        compile(source, filename, "single", flags, True)
        return True
    except SyntaxError as exc:
        if _unclosed(exc):
            exc = _error_before_unclosed(exc, source, filename, flags)
            return None if exc is None else _interactive_error(exc)
        if _incomplete(exc, source):
            return None
        return _interactive_error(exc)
    except (ValueError, OverflowError, MemoryError) as exc:
        return _bare(exc)


_CLOSERS = {"(": ")", "[": "]", "{": "}"}


def _unclosed(exc):
    message = exc.msg or ""
    return len(message) > 2 and message[1] in _CLOSERS and message.endswith("' was never closed")


def _error_before_unclosed(exc, source, filename, flags):
    """compile() of a whole text reports a bracket left open at its end in place of an error found before it (the
    parser checks the rest of the text for tokenizer errors), which the interactive parser, reading line by line,
    reports instead: that error, found by closing the brackets after the text; None when nothing else is wrong
    (more input may close them)."""
    lines = source.count("\n") + (0 if source.endswith("\n") else 1)
    closers = ""
    for _ in range(256):
        if not _unclosed(exc):
            break
        closers += _CLOSERS[exc.msg[1]]
        try:
            compile(source + closers + "\n", filename, "single", flags, True)
            return None
        except SyntaxError as again:
            exc = again
    if _unclosed(exc) or _incomplete(exc, source) or (exc.lineno or 0) > lines:
        return None
    exc.__context__ = None
    return exc


def _allows_incomplete():
    """Whether compile() knows PyCF_ALLOW_INCOMPLETE_INPUT (3.11, and 3.10 from a micro version on)."""
    try:
        compile("if 1:\n", "<probe>", "single", _PyCF_DONT_IMPLY_DEDENT | _PyCF_ALLOW_INCOMPLETE_INPUT, True)
    except SyntaxError as exc:
        return exc.msg == "incomplete input"
    except Exception:
        return False
    return False


_ALLOWS_INCOMPLETE = _VERSION >= (3, 11) or _allows_incomplete()


def _incomplete(exc, source):
    message = exc.msg or ""
    if _ALLOWS_INCOMPLETE:
        return message == "incomplete input"
    last_line = source.count("\n")
    if "unterminated triple-quoted string" in message:
        return True
    if message.startswith("unexpected EOF"):
        return True
    return message.startswith("expected an indented block") and (exc.lineno or 0) >= last_line


def _interactive_one(filename):
    """PyRun_InteractiveOneObjectEx: None at EOF, True after running, else the exception."""
    lines = []
    while True:
        prompt = _prompt("ps2" if lines else "ps1")
        raw = _read_line(prompt)
        if not raw:
            _write_fd(2, "\n")
            if not lines:
                return None
            return (yield from _run_statement("".join(lines), filename))
        try:
            text = raw.decode(_stdin_encoding())
        except UnicodeDecodeError as exc:
            return _decode_error(exc, lines)
        if not text.endswith("\n"):
            lines.append(text)
            continue
        stripped = text.strip()
        if not lines and (not stripped or stripped.startswith("#")):
            continue  # the tokenizer skips blank and comment lines at the first prompt
        lines.append(text)
        verdict = _verdict(lines, filename)
        if verdict is None:
            continue
        if verdict is not True:
            return verdict
        return (yield from _run_statement("".join(lines), filename))


def _interactive_error(exc):
    """An error of compiling interactive input, as the interactive tokenizer reports it: a SyntaxError's text is
    its line without the newline."""
    if isinstance(exc, SyntaxError) and isinstance(exc.text, str) and exc.text.endswith("\n"):
        exc.text = exc.text[:-1]
    return _bare(exc)


def _decode_error(exc, lines):
    """The SyntaxError of the interactive tokenizer for a line that does not decode: located after the last line
    read before it (line 0 when it is the first)."""
    before = lines[-1].rstrip("\n") if lines else ""
    lineno = len(lines)
    offset = len(before) + 1 if lines else 0
    return _bare(SyntaxError("(unicode error) %s" % exc, ("<stdin>", lineno, offset, before, lineno, -1)))


def _run_statement(source, filename):
    """run_mod for one interactive statement."""
    try:
        code = compile(source, filename, "single", 0, True)
        if _VERSION >= (3, 13):
            # 3.13 names each statement "<stdin>-N", 3.14 "<stdin-N>"; tracebacks still show "<stdin>".
            if _VERSION >= (3, 14):
                name = "%s-%d>" % (filename[:-1], state.interactive_count)
            else:
                name = "%s-%d" % (filename, state.interactive_count)
            code = compile(source, name, "single", 0, True)
    except (SyntaxError, ValueError, OverflowError, MemoryError) as exc:
        return _interactive_error(exc)
    if _VERSION >= (3, 13):
        state.interactive_count += 1
        _register_source(code if _VERSION >= (3, 14) else name, source, filename)
    ok, value = yield from _eval(code, _main_dict())
    if not ok:
        return value
    _flush_io()
    return True


# ---------------------------------------------------------------------------------------------
# The interactive backend of a terminal front end (InteractiveBackend). The front end decides which lines
# form a statement and what its history remembers; these entry points take the statement as given.


def repl_prompt(continuation):
    _default_prompts()
    return _prompt("ps2" if continuation else "ps1")


def _repl_restore_sigint():
    """A front end's line editor may change the C-level disposition of SIGINT while it reads a line (JLine
    registers its own handler and then resets it to SIG_DFL): install CPython's handler again for the Python-level
    one, so Ctrl-C raises KeyboardInterrupt in the code about to run. Called before every check and run."""
    try:
        import _signal
        handler = _signal.getsignal(_signal.SIGINT)
        if callable(handler):
            _signal.signal(_signal.SIGINT, handler)
    except Exception:
        pass


def repl_check(source):
    """complete / incomplete / invalid, by the rules of the interactive loop (_verdict)."""
    _repl_restore_sigint()
    verdict = _verdict(source.splitlines(True), "<stdin>")
    if verdict is None:
        return "incomplete"
    return "complete" if verdict is True else "invalid"


def repl_execute(source):
    _repl_restore_sigint()
    _add_history(source)
    # On 3.13+ CPython's terminal REPL (_pyrepl) catches KeyboardInterrupt in Python code: an interrupted
    # statement never makes the process end by SIGINT. 3.10-3.12's (basic) REPL keeps the flag of the last one.
    ok, saved_ki = yield (UNHANDLED_INTERRUPT, (None,))
    result = yield from _run_statement(source, "<stdin>")
    if result is True:
        outcome = _COMPLETED
    else:
        ending = yield from _ended_by(result)
        _flush_io()
        outcome = yield from _outcome(ending)
    if _VERSION >= (3, 13):
        yield (UNHANDLED_INTERRUPT, (bool(saved_ki),))
    return outcome


def _add_history(source):
    """Adds the statement, as the front end remembered it (its text without the final newline), to the in-memory
    histories that site's atexit hook writes to the history file, so that file ends as the front end wrote it: GNU
    readline's (lines joined with \r\n, as _pyrepl stores multi-line entries) and, on 3.13+, _pyrepl.readline's."""
    entry = source[:-1] if source.endswith("\n") else source
    if not entry:
        return
    readline = sys.modules.get("readline")
    if readline is not None:
        try:
            readline.add_history(entry.replace("\n", "\r\n"))
        except Exception:
            pass
    pyrepl = sys.modules.get("_pyrepl.readline")
    if pyrepl is not None:
        try:
            pyrepl.add_history(entry)
        except Exception:
            pass


def repl_complete(text):
    try:
        import rlcompleter
    except ImportError:
        return []
    completer = rlcompleter.Completer(_main_dict())
    found = []
    for i in range(10000):
        try:
            match = completer.complete(text, i)
        except Exception:
            break
        if match is None:
            break
        found.append(match)
    return [m for m in found if m != "\t"]


def repl_interrupted():
    _repl_restore_sigint()
    _write_stderr("\nKeyboardInterrupt\n")
    _flush_io()
    return None


def repl_colour():
    try:
        import _colorize
        return bool(_colorize.can_colorize())
    except Exception:
        return False


# ---------------------------------------------------------------------------------------------
# The Java API (Interpreter): returned(value) or exception(...); runs end as outcomes


def api_run(kind, target, *argv):
    """Runs a file (a directory, a zip file) or a module as __main__, as python would with these arguments:
    sys.argv and sys.path[0] as python sets them, both restored afterwards."""
    ok, runpy = yield (__import__, ("runpy",))
    if not ok:
        return (yield from _raised(runpy))
    saved_argv = sys.argv
    if kind == "file":
        path0 = _api_path0(target)
    else:
        ok, path0 = yield (_posix.getcwd, ())
        if not ok:
            return (yield from _raised(path0))
    sys.argv = [target] + list(argv)
    inserted = path0 is not None
    if inserted:
        sys.path.insert(0, path0)
    try:
        if kind == "file":
            ok, result = yield (runpy.run_path, (target, None, "__main__"))
        else:
            ok, result = yield (runpy.run_module, (target, None, "__main__", True))
    finally:
        sys.argv = saved_argv
        if inserted and sys.path and sys.path[0] == path0:
            del sys.path[0]
    if ok:
        return _COMPLETED
    if isinstance(result, SystemExit):
        return _exited(_exit_code(result)[0])
    return (yield from _raised(result))


def _api_path0(target):
    """sys.path[0] for a file python runs: its directory, symbolic links resolved; None for a directory or
    a zip file, which runpy.run_path puts on sys.path itself."""
    import os
    import pkgutil
    if pkgutil.get_importer(target) is not None:
        return None
    return os.path.dirname(os.path.realpath(target))


_ENTRIES = {
    "configure": configure,
    "set_inspect": set_inspect,
    "unhandled_keyboard_interrupt": unhandled_keyboard_interrupt,
    "prepend_path": prepend_path,
    "importer_path": importer_path,
    "import_readline": import_readline,
    "print_header": print_header,
    "run_command": run_command,
    "run_module": run_module,
    "run_file": run_file,
    "run_stdin": run_stdin,
    "run_inspect_loop": run_inspect_loop,
    "repl_prompt": repl_prompt,
    "repl_check": repl_check,
    "repl_execute": repl_execute,
    "repl_complete": repl_complete,
    "repl_before_session": _before_session,
    "repl_interrupted": repl_interrupted,
    "repl_colour": repl_colour,
    "api_run": api_run,
}
