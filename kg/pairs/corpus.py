"""The hand-annotated relation corpus, read into kg's own tokens and mentions.

`../shared/data/anercorp-relations/train-relations.jsonl` annotates
relations between the entity spans of ANERcorp's train sentences. The model
must learn from pairs as kg will see them at run time, so the candidates of
a training sentence are kg's own mentions — the gazetteer's (titles,
demonyms, generic actors, known names) and the corpus' own name spans in
the place of the statistical NER's guesses — and a candidate pair takes the
relations whose annotated sides overlap its two mentions. The corpus'
extra spans (titles, demonyms, generic actors added only where they take
part in a relation) are used to label pairs, never as candidates: a span
that exists only because it is related would teach the model that such
spans always are.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from kg.extractors.gazetteer import GazetteerExtractor
from kg.extractors.model_mentions import PredictedSpan, mentions_from_spans
from kg.errors import KgError
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.model import Article, Mention
from kg.pairs.candidates import PairCandidate
from kg.pairs.model import encode_label
from kg.pipeline import merge_mentions
from kg.text import Sentence, tokenize

CORPUS_FILE = "train-relations.jsonl"
NAME_LABELS = frozenset({"PERS", "LOC", "ORG"})  # the corpus' NER labels kg has entity types for
NAME_CONFIDENCE = 0.75


@dataclass(frozen=True)
class GoldRelation:
    """An annotated relation, its sides as kg token spans (end exclusive)."""

    subject: tuple[int, int]
    object: tuple[int, int]
    relation: str
    modality: str
    trigger: tuple[int, int] | None


@dataclass(frozen=True)
class AnnotatedSentence:
    """One corpus sentence: kg's tokens and mentions, and the gold relations."""

    id: str
    sentence: Sentence
    mentions: list[Mention]
    relations: list[GoldRelation]


def _overlaps(mention: Mention, span: tuple[int, int]) -> bool:
    return mention.first_token < span[1] and span[0] < mention.last_token


def pair_labels(sentence: AnnotatedSentence, pair: PairCandidate, symmetric: set[str]) -> set[str]:
    """The classes (kg.pairs.model.encode_label) the gold gives a pair; empty for none."""
    labels: set[str] = set()
    for gold in sentence.relations:
        sym = gold.relation in symmetric
        if _overlaps(pair.first, gold.subject) and _overlaps(pair.second, gold.object):
            labels.add(encode_label(gold.relation, False, sym))
        elif _overlaps(pair.second, gold.subject) and _overlaps(pair.first, gold.object):
            labels.add(encode_label(gold.relation, True, sym))
    return labels


class _SpanMapper:
    """Corpus token spans → kg token spans, through character offsets (the
    corpus text is its tokens joined by single spaces)."""

    def __init__(self, corpus_tokens: list[str], tokens: tuple) -> None:
        self.offsets: list[tuple[int, int]] = []
        position = 0
        for token in corpus_tokens:
            self.offsets.append((position, position + len(token)))
            position += len(token) + 1
        self.tokens = tokens

    def __call__(self, start: int, end: int) -> tuple[int, int] | None:
        if not 0 <= start < end <= len(self.offsets):
            return None
        begin, finish = self.offsets[start][0], self.offsets[end - 1][1]
        inside = [t.index for t in self.tokens if t.start < finish and t.end > begin]
        return (inside[0], inside[-1] + 1) if inside else None


def _record_sentence(record: dict, where: str, gazetteer: Gazetteer, matcher: GazetteerExtractor) -> AnnotatedSentence:
    try:
        text, corpus_tokens = record["text"], record["tokens"]
        spans = {entity["i"]: entity for entity in record["entities"] + record.get("extra_entities", [])}
        relations = record.get("relations", [])
    except (KeyError, TypeError) as exc:
        raise KgError(f"{where}: not a relation record ({exc})") from None
    tokens = tuple(tokenize(text))
    sentence = Sentence(0, 0, len(text), text, tokens, "body")
    mapper = _SpanMapper(corpus_tokens, tokens)
    article = Article(str(record.get("id", where)), text, "", 0, None, "none")
    names = []
    for entity in record["entities"]:
        span = mapper(entity["start"], entity["end"])
        if span is not None and entity["type"] in NAME_LABELS:
            names.append(PredictedSpan(span[0], span[1], entity["type"], NAME_CONFIDENCE))
    mentions = merge_mentions(matcher(article, [sentence]) + mentions_from_spans(sentence, names, "ner", gazetteer))
    gold: list[GoldRelation] = []
    for relation in relations:
        s, o = spans.get(relation["s"]), spans.get(relation["o"])
        if s is None or o is None:
            raise KgError(f"{where}: relation refers to an unknown span ({relation['s']}, {relation['o']})")
        subject, obj = mapper(s["start"], s["end"]), mapper(o["start"], o["end"])
        trigger = relation.get("trigger")
        if subject and obj:
            gold.append(GoldRelation(subject, obj, relation["r"], relation.get("modality", "asserted"),
                                     mapper(trigger[0], trigger[1]) if trigger else None))
    return AnnotatedSentence(str(record.get("id", where)), sentence, mentions, gold)


def read_corpus(path: Path, gazetteer: Gazetteer | None = None) -> Iterator[AnnotatedSentence]:
    """The sentences of a relation corpus file (or of the folder holding
    train-relations.jsonl), in file order."""
    path = Path(path)
    if path.is_dir():
        path = path / CORPUS_FILE
    if not path.is_file():
        raise KgError(f"{path}: no such file (give the anercorp-relations folder with --data)")
    gazetteer = gazetteer or load_gazetteer()
    matcher = GazetteerExtractor(gazetteer)
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise KgError(f"{where}: invalid JSON: {exc.msg}") from None
            yield _record_sentence(record, where, gazetteer, matcher)
