"""Reading IOB-tagged files (`token TAG` per line) and turning tags into spans.

ANERcorp's CAMeL Lab splits are such files. Some `I-` tags follow `O` or a
tag of another type; as in CoNLL's evaluation script, such an `I-` starts a
new span, so that reading and scoring agree on what an entity is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError

LABELS: tuple[str, ...] = ("PERS", "LOC", "ORG", "MISC")


@dataclass(frozen=True)
class Span:
    """An entity over whole tokens `start:end` (end exclusive)."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class TaggedSentence:
    """One sentence of an IOB file: its tokens and their tags."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]

    @property
    def spans(self) -> list[Span]:
        return spans_from_tags(self.tags)


def _split_tag(tag: str) -> tuple[str, str]:
    """('B'|'I'|'O', type) of a tag; a bare type counts as I- of that type."""
    if tag == "O" or not tag:
        return "O", ""
    if len(tag) > 2 and tag[1] == "-" and tag[0] in "BI":
        return tag[0], tag[2:]
    return "I", tag


def spans_from_tags(tags: tuple[str, ...] | list[str]) -> list[Span]:
    """Entity spans of an IOB tag sequence, CoNLL style: a span starts at a
    B- tag, or at an I- tag after O or after a tag of another type."""
    spans: list[Span] = []
    start = -1
    label = ""
    for index, tag in enumerate(list(tags) + ["O"]):
        prefix, kind = _split_tag(tag)
        continues = prefix == "I" and kind == label and start >= 0
        if continues:
            continue
        if start >= 0:
            spans.append(Span(start, index, label))
            start, label = -1, ""
        if prefix in ("B", "I"):
            start, label = index, kind
    return spans


def tags_from_spans(length: int, spans: list[Span]) -> list[str]:
    """IOB tags (every span opens with B-) for `length` tokens."""
    tags = ["O"] * length
    for span in spans:
        tags[span.start] = f"B-{span.label}"
        for index in range(span.start + 1, span.end):
            tags[index] = f"I-{span.label}"
    return tags


def read_iob(path: Path) -> list[TaggedSentence]:
    """Sentences of an IOB file: `token TAG` per line, blank lines between
    sentences. The tag is the last space-separated field, so a token is
    whatever precedes it (tokens have no spaces in ANERcorp)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise KgError(f"cannot read IOB file {path}: {exc.strerror}") from exc
    sentences: list[TaggedSentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            if tokens:
                sentences.append(TaggedSentence(tuple(tokens), tuple(tags)))
                tokens, tags = [], []
            continue
        token, sep, tag = line.rpartition(" ")
        if not sep or not token:
            raise KgError(f"{path}:{number}: expected 'token TAG', got {line[:40]!r}")
        tokens.append(token)
        tags.append(tag.strip())
    if tokens:
        sentences.append(TaggedSentence(tuple(tokens), tuple(tags)))
    return sentences


def split_dev(sentences: list[TaggedSentence], every: int = 10,
              how: str = "tail") -> tuple[list[TaggedSentence], list[TaggedSentence]]:
    """(train, dev) for choosing settings without touching the test split.

    ``tail``: the last 1/`every` of the sentences is dev. Like the test
    split, which is the end of the corpus, it holds articles the model has
    not seen, so it rewards generalising rather than remembering names of
    the same article. ``every``: every `every`-th sentence (index 9, 19, …).
    """
    if how == "tail":
        cut = len(sentences) - len(sentences) // every
        return list(sentences[:cut]), list(sentences[cut:])
    if how != "every":
        raise ValueError(f"unknown dev split {how!r}")
    train = [s for i, s in enumerate(sentences) if i % every != every - 1]
    dev = [s for i, s in enumerate(sentences) if i % every == every - 1]
    return train, dev


# Wojood (SinaLab, MIT licence) types as ANERcorp types; the rest is O.
# Only the outermost layer of Wojood's nested tags is read.
WOJOOD_TYPES: dict[str, str] = {
    "PERS": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "EVENT": "MISC", "CURR": "MISC", "PRODUCT": "MISC",
}
WOJOOD_BOUNDARY = "$#$"


def read_wojood(path: Path) -> list[TaggedSentence]:
    """Sentences of a Wojood file as ANERcorp-typed IOB (outer layer only;
    the `$#$` segment markers dropped)."""
    sentences: list[TaggedSentence] = []
    tokens: list[str] = []
    tags: list[str] = []

    def close() -> None:
        nonlocal tokens, tags
        if tokens:
            sentences.append(TaggedSentence(tuple(tokens), tuple(tags)))
        tokens, tags = [], []

    for line in Path(path).read_text(encoding="utf-8").split("\n"):
        fields = line.split()
        if not fields:
            close()
            continue
        if fields[0] == WOJOOD_BOUNDARY:
            close()
            continue
        outer = fields[1] if len(fields) > 1 else "O"
        prefix, kind = _split_tag(outer)
        mapped = WOJOOD_TYPES.get(kind)
        tokens.append(fields[0])
        tags.append(f"{prefix}-{mapped}" if prefix != "O" and mapped else "O")
    close()
    return sentences
