"""Shared fixtures: the real `kg` command, and the seeds graph built once per session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
QUERIES = REPO / "queries"
GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "seeds.jsonl"


@dataclass
class KgRun:
    """The outcome of one `python -m kg.cli` run."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    @property
    def stderr_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]

    def describe(self) -> str:
        return f"kg {' '.join(self.args)} → exit {self.returncode}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


def run_kg(*args: object, input: str | bytes | None = None, cwd: Path | None = None,
           env: dict[str, str] | None = None, timeout: float = 120) -> KgRun:
    """Run the real CLI (through `main()`, so the one-line-error contract applies)."""
    full_env = dict(os.environ)
    full_env.pop("KG_DEBUG", None)
    full_env["PYTHONIOENCODING"] = "utf-8"
    if env:
        full_env.update(env)
    argv = tuple(str(a) for a in args)
    data = input.encode("utf-8") if isinstance(input, str) else input
    proc = subprocess.run([sys.executable, "-m", "kg.cli", *argv], input=data, capture_output=True,
                          cwd=cwd or REPO, env=full_env, timeout=timeout)
    return KgRun(argv, proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))


def assert_one_line_error(run: KgRun) -> str:
    """Non-zero exit, exactly one non-empty stderr line starting with 'kg', no traceback."""
    assert run.returncode != 0, run.describe()
    assert "Traceback" not in run.stderr, run.describe()
    assert len(run.stderr_lines) == 1, run.describe()
    line = run.stderr_lines[0]
    assert line.startswith("kg"), run.describe()
    assert "internal error" not in line, run.describe()
    return line


@pytest.fixture(scope="session")
def kg() -> Callable[..., KgRun]:
    """`kg(*args)` runs the real command line and returns a KgRun."""
    return run_kg


def invoke_kg(*args: object, input: str | bytes | None = None, env: dict[str, str] | None = None) -> KgRun:
    """Run `kg.cli.cli` in-process with click's CliRunner: fast, but bypasses
    `main()`, so use it only where the one-line-error contract is not tested."""
    from click.testing import CliRunner

    from kg.cli import cli

    argv = tuple(str(a) for a in args)
    result = CliRunner().invoke(cli, list(argv), input=input, env=env, catch_exceptions=False)
    return KgRun(argv, result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="session")
def kg_fast() -> Callable[..., KgRun]:
    """`kg_fast(*args)`: in-process CliRunner run of a command that should succeed."""
    return invoke_kg


@pytest.fixture(scope="session")
def one_line_error() -> Callable[[KgRun], str]:
    return assert_one_line_error


@pytest.fixture(scope="session")
def gold_path() -> Path:
    assert GOLD.is_file(), f"gold file missing: {GOLD}"
    return GOLD


@dataclass
class SeedsBuild:
    out: Path
    run: KgRun

    @property
    def ttl(self) -> Path:
        return self.out / "graph.ttl"

    @property
    def triples(self) -> Path:
        return self.out / "triples.jsonl"

    @property
    def html(self) -> Path:
        return self.out / "graph.html"

    def records(self) -> list[dict]:
        return [json.loads(line) for line in self.triples.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> SeedsBuild:
    """`kg build seeds -o OUT`, run once per session. Treat OUT as read-only."""
    out = tmp_path_factory.mktemp("seeds_build") / "out"
    run = run_kg("build", SEEDS, "-o", out)
    assert run.returncode == 0, run.describe()
    return SeedsBuild(out, run)


@pytest.fixture(scope="session")
def pipeline():
    from kg.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def gazetteer():
    from kg.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def relations():
    from kg.relations import load_relations

    return load_relations()
