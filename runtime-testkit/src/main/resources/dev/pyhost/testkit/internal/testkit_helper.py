"""The Python side of PyHost's test kit, installed as the module _pyhost_testkit.

Keys are numbers chosen by the Java side. Nothing here is imported into __main__.
"""
import atexit
import builtins
import io
import sys

_saved_main = {}
_spaces = {}
_captures = {}


def save_main(key):
    """Remembers what __main__ holds now."""
    _saved_main[key] = dict(vars(sys.modules['__main__']))


def restore_main(key):
    """Puts __main__ back as it was at save_main: names added since are removed, rebound ones restored."""
    saved = _saved_main.pop(key, None)
    if saved is not None:
        names = vars(sys.modules['__main__'])
        names.clear()
        names.update(saved)


def new_space(key):
    """A fresh namespace, as a new module's globals."""
    _spaces[key] = {'__name__': '__pyhost_test__', '__builtins__': builtins}


def drop_space(key):
    _spaces.pop(key, None)


def space_exec(key, source):
    exec(compile(source, '<namespace>', 'exec'), _spaces[key])


def space_eval(key, source):
    return eval(compile(source, '<namespace>', 'eval'), _spaces[key])


def space_names(key):
    return sorted(name for name in _spaces[key] if name != '__builtins__')


def _stream(original):
    """A text stream like the original one (encoding, errors) that keeps what is written, bytes included."""
    encoding = getattr(original, 'encoding', None) or 'utf-8'
    errors = getattr(original, 'errors', None) or 'strict'
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors=errors, newline='\n', write_through=True)


def _text(stream):
    stream.flush()
    return stream.buffer.getvalue().decode(stream.encoding, 'surrogateescape')


def start_capture(key, dump):
    """Replaces sys.stdout and sys.stderr; when dump is a path, their text is written to dump + '.out' and
    dump + '.err' at interpreter exit (after every atexit callback registered later), so that it outlives
    finalization."""
    out, err = _stream(sys.stdout), _stream(sys.stderr)
    _captures[key] = [sys.stdout, sys.stderr, out, err]
    sys.stdout, sys.stderr = out, err
    if dump:
        atexit.register(_dump, key, dump)


def _dump(key, path):
    capture = _captures.get(key)
    if capture is None:
        return
    for suffix, stream in (('.out', capture[2]), ('.err', capture[3])):
        with open(path + suffix, 'wb') as f:
            f.write(_text(stream).encode('utf-8', 'surrogateescape'))


def captured(key, which):
    """The text written so far to the captured stdout (1) or stderr (2)."""
    return _text(_captures[key][1 + which])


def clear_capture(key):
    capture = _captures[key]
    for i, name in ((2, 'stdout'), (3, 'stderr')):
        fresh = _stream(capture[i - 2])
        if getattr(sys, name) is capture[i]:
            setattr(sys, name, fresh)
        capture[i] = fresh


def stop_capture(key):
    """Puts the original streams back (where the code under test did not replace them itself)."""
    capture = _captures.pop(key, None)
    if capture is None:
        return
    if sys.stdout is capture[2]:
        sys.stdout = capture[0]
    if sys.stderr is capture[3]:
        sys.stderr = capture[1]


def state():
    """What an execution mode's appliesTo must leave alone."""
    return [sorted(vars(sys.modules['__main__'])), list(sys.argv), list(sys.path), sorted(sys.modules)]
