# How PyHost describes a Python exception as data. Bootstrap.java runs this first, in the namespace
# boot.py then runs in (boot.py uses _describe), so that it can also report a failure to load boot.py.


def _describe(exc):
    """The type name (qualified unless built in) and str() of an exception."""
    try:
        message = str(exc)
    except BaseException:
        message = "<exception str() failed>"
    t = type(exc)
    name = t.__qualname__ if t.__module__ == "builtins" else "%s.%s" % (t.__module__, t.__qualname__)
    return name, message


def describe(exc):
    """Type name, str() and formatted traceback, as UTF-8 bytes: for failures of PyHost's bootstrap itself."""
    name, message = _describe(exc)
    try:
        import traceback
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    except BaseException:
        text = "%s: %s\n" % (name, message)
    return tuple(s.encode("utf-8", "backslashreplace") for s in (name, message, text))
