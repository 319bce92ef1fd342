"""The dask side of `kg build --engine dask`: a client to a LocalCluster (by
default) or to a running scheduler (`--scheduler tcp://HOST:PORT`), and the
checks that the workers can run this kg.

dask.distributed is an optional dependency (`pip install 'kg[cluster]'`):
without it `--engine dask` is one line, not a traceback.
"""

from __future__ import annotations

import contextlib
import logging
import os
import uuid
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from kg.errors import KgError

if TYPE_CHECKING:
    from distributed import Client

NETWORK_SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")  # dask's transports between machines
INSTALL_HINT = "pip install 'kg[cluster]' (dask[distributed])"


def require_dask() -> None:
    """KgError when dask.distributed cannot be imported."""
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise KgError(f"--engine dask needs dask.distributed, which is not installed ({exc}); {INSTALL_HINT}") from exc


def _quiet() -> None:
    """dask logs to stderr; a build's stderr carries kg's lines only (a
    failure reaches the user as one kg error line)."""
    for name in ["distributed", "dask", "tornado", *logging.root.manager.loggerDict]:
        if name.split(".")[0] in ("distributed", "dask", "tornado"):  # dask's config sets some children's levels
            logging.getLogger(name).setLevel(logging.CRITICAL)


def check_address(scheduler: str) -> None:
    """KgError for an address that names no reachable kind of scheduler, before
    a Client is made (a Client built from a malformed address fails late and
    noisily)."""
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, location = parse_address(scheduler, strict=False)
        host, port = parse_host_port(location, 8786)
    except ValueError as exc:
        raise KgError(f"--scheduler {scheduler}: not an address like tcp://HOST:PORT ({exc})") from exc
    if scheme not in NETWORK_SCHEMES or not host or not 0 < int(port) < 65536:
        raise KgError(f"--scheduler {scheduler}: not an address like tcp://HOST:PORT")


@contextlib.contextmanager
def connect(scheduler: str | None, workers: int, timeout: float) -> Iterator["Client"]:
    """A client with at least one worker: a new LocalCluster of `workers`
    single-threaded worker processes on 127.0.0.1 (no dashboard), or the
    scheduler at `scheduler`. Closed (and the local cluster stopped) on exit."""
    require_dask()
    _quiet()
    from distributed import Client, LocalCluster

    if scheduler is None:
        with warnings.catch_warnings():
            # without a dashboard the scheduler still serves its HTTP endpoints (health, metrics), on
            # 127.0.0.1 like everything here; it tries port 8787 first and warns on stderr when that is taken
            warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   scheduler_port=0, dashboard_address=None, silence_logs=logging.CRITICAL,
                                   memory_limit=0)  # as --jobs: no dask memory policing (it would pause or kill workers)
        try:
            with Client(cluster, set_as_default=False) as client:
                yield client
        finally:
            cluster.close()
        return
    check_address(scheduler)
    try:
        client = Client(scheduler, timeout=timeout, set_as_default=False)
    except Exception as exc:  # dask raises OSError, TimeoutError, ValueError... for a bad address: all one line
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise KgError(f"--scheduler {scheduler}: cannot connect to a dask scheduler ({reason})") from exc
    try:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except Exception as exc:  # TimeoutError (dask's own in some versions)
            raise KgError(f"--scheduler {scheduler}: no dask worker joined within {timeout:g} s "
                          "(start some with `dask worker " + scheduler + "`)") from exc
        yield client
    finally:
        client.close()


def check_workers(client: "Client", entity_names: tuple[str, ...], relation_names: tuple[str, ...],
                  fingerprint: str, shard_dir: Path | None) -> int:
    """KgError unless every worker runs the same pipeline as this process (same
    kg version, extractors, model and ontology files) and, with --shards, sees
    the shard folder. Returns the number of workers."""
    from kg.engines.dask_tasks import sees_probe, worker_fingerprint

    try:
        found = client.run(worker_fingerprint, entity_names, relation_names)
    except KgError:
        raise
    except Exception as exc:  # the worker cannot unpickle kg's function, or import kg
        raise KgError(f"a dask worker cannot run kg ({type(exc).__name__}: {exc}); install this kg on every "
                      "worker machine (same version as here)") from exc
    if not found:
        raise KgError("the dask cluster has no workers")
    for address, theirs in sorted(found.items()):
        if theirs != fingerprint:
            raise KgError(f"dask worker {address} runs another kg pipeline (kg version, model or ontology files "
                          "differ); install the same kg everywhere")
    if shard_dir is not None:
        probe = shard_dir / f".kg-probe-{uuid.uuid4().hex}"
        probe.write_text("kg\n", encoding="utf-8")
        try:
            seen = client.run(sees_probe, str(probe))
        finally:
            os.unlink(probe)
        blind = sorted(address for address, ok in seen.items() if not ok)
        if blind:
            raise KgError(f"--shards {shard_dir}: dask worker {blind[0]} does not see this folder; it must be "
                          "shared storage mounted at the same path on every worker")
    return len(found)
