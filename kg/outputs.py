"""The output folder of `kg build`, replaced as a whole.

graph.ttl, triples.jsonl, events.jsonl and graph.html describe one build and
must never be mixed with the files of another. So a build writes them into a
staging folder beside the output folder and then swaps the two folders in
one atomic step (Linux `renameat2(RENAME_EXCHANGE)`; elsewhere two renames,
repaired by the next build if it is killed between them). A lock file beside
the folder keeps two builds from writing it at once, and the folder is
checked before any work, so a bad `-o` costs nothing.

A build killed at any moment (SIGKILL included) leaves either the previous
output set or the new one, never a mixture; what it leaves behind (a staging
folder, the previous set after a swap) carries this module's prefixes and is
removed by the next build into the same folder.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from kg.errors import KgError

OUTPUT_NAMES = ("graph.ttl", "triples.jsonl", "events.jsonl", "graph.html")
STAGING_TAG = ".kg-staging-"  # .OUT.kg-staging-XXXX: a build in progress (or killed)
OLD_TAG = ".kg-old-"  # .OUT.kg-old-XXXX: a previous output set on its way out
LOCK_SUFFIX = ".kg-lock"  # .OUT.kg-lock: held (flock) while a build writes OUT

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_HELD_LOCKS: list[IO[str]] = []  # lock files this process holds


def _close_inherited_locks() -> None:
    """In a forked child (a --jobs worker), close its copies of the lock
    files: a flock belongs to the open file, so a worker that outlived its
    build would otherwise keep the folder locked. Closing a copy does not
    release the parent's lock (only the last close does)."""
    for handle in _HELD_LOCKS:
        try:
            handle.close()
        except OSError:
            pass
    _HELD_LOCKS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_inherited_locks)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _is_kg_leftover(name: str) -> bool:
    """A temp file of kg.atomic (.graph.ttl.XXXX.tmp) left by an older build."""
    return name.startswith(".") and name.endswith(".tmp") and any(name[1:].startswith(n + ".") for n in OUTPUT_NAMES)


def check_output_dir(out: Path) -> Path:
    """The absolute output folder, or KgError (exit 1, one line) when it can
    never be written: a file, a path through a file, a folder without write
    permission, or a folder holding files that are not kg's outputs (the
    swap would delete them)."""
    target = Path(os.path.abspath(out))
    if target.is_symlink() and target.resolve().is_dir():
        target = target.resolve()  # swap the folder the link names, keep the link
    for ancestor in reversed(target.parents):
        if ancestor.exists() and not ancestor.is_dir():
            raise KgError(f"{out}: {ancestor} is a file, not a folder")
    if target.exists() and not target.is_dir():
        raise KgError(f"{out}: exists and is not a folder")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KgError(f"{out}: cannot create folder {target.parent} ({exc.strerror})") from exc
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise KgError(f"{out}: cannot write in {target.parent} (permission denied)")
    if target.is_dir():
        if not os.access(target, os.W_OK | os.X_OK):
            raise KgError(f"{out}: folder is not writable (permission denied)")
        foreign = sorted(p.name for p in target.iterdir() if p.name not in OUTPUT_NAMES and not _is_kg_leftover(p.name))
        if foreign:
            shown = ", ".join(foreign[:3]) + (" …" if len(foreign) > 3 else "")
            raise KgError(f"{out}: holds files that are not kg outputs ({shown}); kg build replaces the folder "
                          "as a whole, so give -o an empty or new folder")
    return target


@dataclass
class OutputFolder:
    """A locked output folder and the staging folder a build writes into.

    Use as a context manager: on leaving without `commit()` (an error, ^C)
    the staging folder is removed and the previous output set stays.
    """

    target: Path
    staging: Path = field(init=False)
    cleaned: list[str] = field(default_factory=list)  # leftovers of killed builds removed on entry
    _lock: IO[str] | None = field(default=None, init=False, repr=False)
    _lock_path: Path = field(init=False)

    def __post_init__(self) -> None:
        self._lock_path = self.target.parent / f".{self.target.name}{LOCK_SUFFIX}"

    def __enter__(self) -> "OutputFolder":
        self._acquire()
        try:
            self._clean_leftovers()
            self.staging = Path(tempfile.mkdtemp(prefix=f".{self.target.name}{STAGING_TAG}", dir=self.target.parent))
            os.chmod(self.staging, 0o777 & ~_current_umask())
        except OSError as exc:
            self._release()
            raise KgError(f"{self.target}: cannot prepare the output folder ({exc.strerror})") from exc
        except BaseException:
            self._release()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            if self.staging.exists():
                shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self._release()

    def _acquire(self) -> None:
        """flock on a lock file beside the folder; retried when the file was
        unlinked by the build that held it (so that lock is not a stale one)."""
        while True:
            try:
                handle = open(self._lock_path, "a+", encoding="utf-8")
            except OSError as exc:
                raise KgError(f"{self.target}: cannot create lock file {self._lock_path} ({exc.strerror})") from exc
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip()
                handle.close()
                raise KgError(f"{self.target}: another kg build is writing this folder"
                              + (f" (pid {holder})" if holder else "") + "; wait for it to finish") from None
            try:
                same = os.stat(self._lock_path).st_ino == os.fstat(handle.fileno()).st_ino
            except FileNotFoundError:
                same = False
            if same:
                handle.truncate(0)
                handle.write(f"{os.getpid()}\n")
                handle.flush()
                self._lock = handle
                _HELD_LOCKS.append(handle)
                return
            handle.close()

    def _release(self) -> None:
        if self._lock is None:
            return
        try:
            os.unlink(self._lock_path)
        except OSError:
            pass
        if self._lock in _HELD_LOCKS:
            _HELD_LOCKS.remove(self._lock)
        self._lock.close()
        self._lock = None

    def _clean_leftovers(self) -> None:
        """Remove what killed builds left: staging folders, previous sets
        after a swap, and kg.atomic temp files in the folder. A previous set
        is put back first if the folder itself is missing (a build killed
        between the two renames of the fallback swap)."""
        parent, name = self.target.parent, self.target.name
        old_sets = sorted(parent.glob(f".{name}{OLD_TAG}*"), key=lambda p: p.stat().st_mtime)
        if not self.target.exists() and old_sets:
            os.rename(old_sets.pop(), self.target)
            self.cleaned.append(f"restored {self.target} from an interrupted swap")
        for leftover in old_sets + sorted(parent.glob(f".{name}{STAGING_TAG}*")):
            shutil.rmtree(leftover, ignore_errors=True)
            self.cleaned.append(str(leftover))
        if self.target.is_dir():
            for stale in sorted(p for p in self.target.iterdir() if _is_kg_leftover(p.name)):
                stale.unlink()
                self.cleaned.append(str(stale))

    def commit_as(self, out_dir: Path) -> None:
        """`commit`, with a failure said in one line about `out_dir` (the
        folder as the user named it)."""
        try:
            self.commit()
        except OSError as exc:
            raise KgError(f"{out_dir}: cannot replace the output folder ({exc.strerror})") from exc

    def commit(self) -> None:
        """Make the staging folder the output folder, in one step where the
        system allows; the previous set is deleted afterwards. The files are
        flushed to disk first, so a crash after the swap cannot leave empty ones."""
        for path in self.staging.iterdir():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
        if not self.target.exists():
            os.rename(self.staging, self.target)
            return
        if _exchange(self.staging, self.target):
            shutil.rmtree(self.staging, ignore_errors=True)  # now the previous set
            return
        old = Path(tempfile.mkdtemp(prefix=f".{self.target.name}{OLD_TAG}", dir=self.target.parent))
        os.rmdir(old)
        os.rename(self.target, old)
        os.rename(self.staging, self.target)
        shutil.rmtree(old, ignore_errors=True)
