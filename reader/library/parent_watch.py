"""Worker processes end when the process that started them dies.

Without this, killing the app or ``episode-reader index`` during a big import left its worker
processes running (hundreds of MB each) and holding the caller's output pipes open. On Linux
the kernel kills a worker as soon as its parent dies (``PR_SET_PDEATHSIG``); everywhere, a
watchdog thread also waits for the parent: on multiprocessing's parent sentinel (a pipe that
reaches end-of-file when the parent dies), else by polling ``os.getppid()``.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1
_POLL_SECONDS = 0.5
#: Exit status of a worker that ended because its parent died.
ORPHANED = 70


def exit_with_parent(parent_pid: int) -> None:
    """Make this process end when ``parent_pid`` (the process that started it) dies."""
    _kill_me_with_parent()
    if os.getppid() != parent_pid:  # it died before the line above took effect
        os._exit(ORPHANED)
    threading.Thread(target=_watch, args=(parent_pid,), name="parent-watch", daemon=True).start()


def _kill_me_with_parent() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False elsewhere."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        done = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False
    if not done:
        log.debug("prctl(PR_SET_PDEATHSIG) failed: errno %s", ctypes.get_errno())
    return done


def _watch(parent_pid: int) -> None:
    parent = multiprocessing.parent_process()
    if parent is not None and parent.pid == parent_pid:
        parent.join()  # returns when the parent's end of the sentinel pipe is closed
    else:
        while os.getppid() == parent_pid:
            time.sleep(_POLL_SECONDS)
    os._exit(ORPHANED)
