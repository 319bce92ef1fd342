"""Reading articles from disk: `.txt` (one article) and `.jsonl` (one per line).

Each bad file or line becomes a `ReadProblem` instead of an exception, so one
broken file never stops a build: the caller reports it and goes on.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
from dataclasses import dataclass, field
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


@dataclass
class FileScan:
    """The article files under a path, and the entries that look like
    articles (or hold them) but cannot be read: each is named, none is
    skipped without a word."""

    files: list[Path] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)


def _unreadable_entry(path: Path) -> str:
    """Why an article-named entry is not a readable file."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if exc.errno == errno.ENOENT:
            return "broken symbolic link"
        return f"cannot read ({exc.strerror})"
    return "not a regular file"


def scan_article_files(path: Path) -> FileScan:
    """Article files under `path` (a file or a directory), sorted, with the
    problems met on the way: unreadable folders, symbolic link loops, broken
    links, folders behind symbolic links (not followed, so a link cannot
    make the walk loop). Raises KgError when the path is missing or holds no
    article file."""
    if not os.path.lexists(path):
        raise KgError(f"{path}: no such file or directory")
    if not path.is_dir():
        if path.is_symlink() and not path.exists():
            raise KgError(f"{path}: {_unreadable_entry(path)}")
        return FileScan([path])
    scan = FileScan()

    def walk_error(exc: OSError) -> None:
        scan.problems.append(ReadProblem(str(exc.filename), f"folder not read ({exc.strerror})"))

    for folder, dirnames, filenames in os.walk(path, onerror=walk_error):
        for name in sorted(dirnames):
            entry = Path(folder) / name
            if entry.is_symlink():
                scan.problems.append(ReadProblem(str(entry), "symbolic link to a folder, not followed"))
        for name in filenames:
            entry = Path(folder) / name
            if entry.suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            if entry.is_file():
                scan.files.append(entry)
            else:
                scan.problems.append(ReadProblem(str(entry), _unreadable_entry(entry)))
    scan.files.sort()
    scan.problems.sort(key=lambda p: p.source)
    if not scan.files:
        reason = f" ({scan.problems[0]})" if scan.problems else ""
        raise KgError(f"{path}: no articles found (expected .txt or .jsonl files){reason}")
    return scan


def find_article_files(path: Path) -> list[Path]:
    """Article files under `path` (a file or a directory), sorted.

    Raises KgError when the path is missing or holds no article file.
    """
    return scan_article_files(path).files


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


_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
NO_ARABIC = "no Arabic text"


def has_arabic(text: str) -> bool:
    """Does the text hold an Arabic letter? kg reads Arabic only: an
    all-English or all-punctuation article is skipped and named, not
    silently turned into an empty result."""
    return _ARABIC_LETTER.search(text) is not None


def read_txt(path: Path) -> ReadResult:
    try:
        text = decode_text(path.read_bytes(), str(path))
    except OSError as exc:
        return ReadProblem(str(path), f"cannot read ({exc.strerror})")
    except KgError as exc:
        return ReadProblem(str(path), str(exc).split(": ", 1)[-1])
    if not has_arabic(text):
        return ReadProblem(str(path), NO_ARABIC)
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
        if not has_arabic(record["text"]) and not has_arabic(str(record.get("title") or "")):
            yield ReadProblem(source, NO_ARABIC)
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
