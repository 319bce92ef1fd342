"""Reading articles from disk: `.txt` (one article) and `.jsonl` (one per line).

Each bad file or line becomes a `ReadProblem` instead of an exception, so one
broken file never stops a build: the caller reports it and goes on.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Union

from kg.dates import find_article_date
from kg.errors import KgError
from kg.model import Article

ARTICLE_SUFFIXES = (".txt", ".jsonl")


@dataclass(frozen=True)
class ReadProblem:
    """A file (or line) that could not be read, and why, in one line."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


ReadResult = Union[Article, ReadProblem]


def find_article_files(path: Path) -> list[Path]:
    """Article files under `path` (a file or a directory), sorted.

    Raises KgError when the path is missing or holds no article file.
    """
    if not path.exists():
        raise KgError(f"{path}: no such file or directory")
    if path.is_file():
        return [path]
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
    if not files:
        raise KgError(f"{path}: no articles found (expected .txt or .jsonl files)")
    return files


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 text of a file, or KgError naming what is wrong with it."""
    if b"\x00" in data:
        raise KgError(f"{source}: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KgError(f"{source}: not UTF-8 (invalid byte at position {exc.start})") from exc
    if not text.strip():
        raise KgError(f"{source}: empty file")
    return text


def _headline_end(text: str) -> tuple[str, int]:
    """First non-empty line (the headline) and the offset where it ends."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            return line.strip(), offset + len(line.rstrip("\r\n"))
        offset += len(line)
    return "", 0


def article_from_text(doc_id: str, text: str, metadata_date: dt.date | None = None, title: str = "",
                      url: str = "", source_path: str = "") -> Article:
    """Build an Article: headline kept apart from the body, the date taken
    from the text where the article states it, else from metadata."""
    if title:
        headline, headline_end = title, len(title)
        if not text.startswith(title):
            text = f"{title}\n{text}"
    else:
        headline, headline_end = _headline_end(text)
    stated = find_article_date(text)
    if stated:
        date, source = stated, "text"
    elif metadata_date:
        date, source = metadata_date, "metadata"
    else:
        date, source = None, "none"
    return Article(doc_id, text, headline, headline_end, date, source, url, source_path)


def _parse_metadata_date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def read_txt(path: Path) -> ReadResult:
    try:
        text = decode_text(path.read_bytes(), str(path))
    except OSError as exc:
        return ReadProblem(str(path), f"cannot read ({exc.strerror})")
    except KgError as exc:
        return ReadProblem(str(path), str(exc).split(": ", 1)[-1])
    return article_from_text(path.name, text, source_path=str(path))


def read_jsonl(path: Path) -> Iterator[ReadResult]:
    try:
        content = decode_text(path.read_bytes(), str(path))
    except OSError as exc:
        yield ReadProblem(str(path), f"cannot read ({exc.strerror})")
        return
    except KgError as exc:
        yield ReadProblem(str(path), str(exc).split(": ", 1)[-1])
        return
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadProblem(source, f"invalid JSON ({exc.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
            yield ReadProblem(source, "no 'text' field with article text")
            continue
        doc_id = str(record.get("id") or f"{path.name}#{number}")
        yield article_from_text(
            doc_id,
            record["text"],
            metadata_date=_parse_metadata_date(record.get("date")),
            title=str(record.get("title") or ""),
            url=str(record.get("url") or ""),
            source_path=source,
        )


def read_articles(files: list[Path]) -> Iterator[ReadResult]:
    """Articles (and problems) from a list of article files, in order."""
    for path in files:
        if path.suffix.lower() == ".jsonl":
            yield from read_jsonl(path)
        else:
            yield read_txt(path)
