# PyHost: a bounded wait for non-daemon threads before finalization. CPython's Py_FinalizeEx calls
# threading._shutdown(), which waits for every non-daemon thread without a bound. Run before it (on any
# thread, with the interpreter otherwise idle), this does the same work with a deadline: it runs the
# threading atexit callbacks (concurrent.futures stops its workers there), joins the non-daemon threads
# until the deadline, and makes threading._shutdown() pass over the ones still running, which then live on
# as daemon threads do. It returns repr() of each thread it gave up on.
import sys
import time


def bounded_shutdown(seconds):
    th = sys.modules.get("threading")
    if th is None:
        return []
    deadline = time.monotonic() + seconds
    th._SHUTTING_DOWN = True
    calls = list(th._threading_atexits)
    del th._threading_atexits[:]
    for call in reversed(calls):
        call()
    me = th.current_thread()
    main = th.main_thread()
    left = []
    for t in th.enumerate():
        if t is me or t is main or t.daemon:
            continue
        t.join(max(0.0, deadline - time.monotonic()))
        if t.is_alive():
            left.append(t)
    if left:
        if hasattr(th, "_shutdown_locks"):
            # 3.10-3.12: _shutdown waits for the tstate lock of each non-daemon thread.
            with th._shutdown_locks_lock:
                for t in left:
                    th._shutdown_locks.discard(t._tstate_lock)
        else:
            # 3.13+: _shutdown waits in _thread._shutdown() for every non-daemon thread; the others ended.
            th._thread_shutdown = lambda: None
    return [repr(t) for t in left]
