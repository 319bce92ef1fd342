"""One writer at a time on a store: an advisory lock file beside the data.

Writers (build, remove) take it exclusively; readers that keep the store
open (serve, query, export, validate) take it shared, since oxigraph says
reading while another process writes is undefined behaviour. The lock is
released by the kernel when the process ends, so a crashed run never leaves
a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from kg.errors import KgError


class StoreLock:
    """An flock on DIR/lock; `exclusive` for writers."""

    def __init__(self, path: Path, exclusive: bool) -> None:
        self.path = path
        self.exclusive = exclusive
        self._fd: int | None = None

    def acquire(self) -> "StoreLock":
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            what = "another kg process is using it" if self.exclusive else "a kg build or remove is writing it"
            raise KgError(f"{self.path.parent}: store is busy ({what}); try again when it ends") from None
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "StoreLock":
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
