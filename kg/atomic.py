"""Atomic file writes: a failed run never leaves a half-written output."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_writer(path: Path | str, encoding: str = "utf-8") -> Iterator[TextIO]:
    """Open a temp file beside `path`; rename it over `path` only on success.

    The temp file lives in the same directory so that `os.replace` is an
    atomic rename on the same filesystem.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:  # everything after mkstemp inside the try: a ^C at any point removes the temp file
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            os.fchmod(handle.fileno(), 0o666 & ~_current_umask())  # mkstemp makes 0600; outputs are ordinary files
            yield handle
        os.replace(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise


def write_text_atomic(path: Path | str, text: str) -> None:
    """Write `text` to `path` atomically."""
    with atomic_writer(path) as handle:
        handle.write(text)
