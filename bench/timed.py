"""One call timed in a forked child, given up after a timeout.

The query benchmarks run each query in a fresh process so that one side's
caches and garbage do not weigh on the other, and so that a query that
runs away can be killed instead of stalling the run."""

from __future__ import annotations

import gc
import multiprocessing
import time
from typing import Any, Callable


def _child(fn: Callable[..., Any], args: tuple, conn: Any) -> None:
    gc.collect()
    t0 = time.perf_counter()
    result = fn(*args)
    conn.send((time.perf_counter() - t0, result))
    conn.close()


def timed_call(fn: Callable[..., Any], *args: Any, timeout: float) -> tuple[float, Any]:
    """(seconds, what fn returned), or (timeout, None) when it did not finish in time."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(fn, args, child))
    proc.start()
    child.close()
    if parent.poll(timeout):
        result = parent.recv()
        proc.join()
        return result
    proc.kill()
    proc.join()
    return timeout, None
