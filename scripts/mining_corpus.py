"""Reading for mine_triggers.py: the texts it mines (OEDA GSR dev rows and
dev span records, SaudiNewsNet read from its zips, ANERcorp train) and their
analysis into sentences, normalised tokens and gazetteer mentions.

Apart from counting and ranking because it is the only part that knows the
corpora's formats and where they are.
"""

from __future__ import annotations

import json
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import kg.extractors  # noqa: F401  (registers the gazetteer extractor)
from kg.errors import KgError
from kg.model import Article
from kg.oeda import load_detection, load_spans, split, split_by_sentence
from kg.registry import entity_extractors
from kg.text import split_sentences

GSR_DIR = Path("/work/shared/data/arabic-event-gsr")
SNN_DIR = Path("/work/shared/data/saudinewsnet/dataset")
ANER_TRAIN = Path("/work/shared/data/anercorp-camel-splits/ANERCorp_CamelLab_train.txt")


@dataclass
class Doc:
    corpus: str  # gsr-assault | gsr-protest | spans-assault | spans-protest | anercorp | snn
    ref: str  # where it is (for SaudiNewsNet, the pointer printed instead of a snippet)
    text: str
    label: str = ""  # GSR: yes / no / ambiguous


@dataclass
class Sent:
    doc: int
    norms: tuple[str, ...]
    starts: tuple[int, ...]
    words: tuple[bool, ...]
    mentions: tuple[tuple[int, int, str, str], ...]  # first, last (exclusive), type, entity id


def load_docs(snn_limit: int | None) -> tuple[list[Doc], dict[str, list], dict[str, int]]:
    """Every text, dev only for the GSR, and the dev span records."""
    docs: list[Doc] = []
    spans: dict[str, list] = {}
    counts: Counter[str] = Counter()
    for stem in ("assault", "protest"):
        rows = load_detection(GSR_DIR / f"{stem}_gsr.csv")
        for row in split(rows, "dev"):
            label = "yes" if row.label == "yes" else ("ambiguous" if row.label == "ambiguous" else "no")
            docs.append(Doc(f"gsr-{stem}", f"{stem}_gsr.csv[{row.position}]", row.text, label))
            counts[f"gsr-{stem}"] += 1
        records = load_spans(GSR_DIR / f"{stem}_spans.json")
        own_dev = {r.position for r in split(records, "dev")}
        spans[stem] = [r for r in split_by_sentence(records, rows, "dev") if r.position in own_dev]
        counts[f"spans-{stem}"] = len(spans[stem])
    for zip_path in sorted(SNN_DIR.glob("*.zip")):
        try:
            with zipfile.ZipFile(zip_path) as archive:
                name = next(n for n in archive.namelist() if n.endswith(".json"))
                articles = json.loads(archive.read(name).decode("utf-8"))
        except (OSError, zipfile.BadZipFile, StopIteration, ValueError) as exc:
            raise KgError(f"cannot read {zip_path}: {exc}") from exc
        for index, article in enumerate(articles):
            content = article.get("content") or ""
            if content.strip():
                docs.append(Doc("snn", f"snn:{name}[{index}]", content))
                counts["snn"] += 1
            if snn_limit is not None and counts["snn"] >= snn_limit:
                break
        if snn_limit is not None and counts["snn"] >= snn_limit:
            break
    try:
        sentence: list[str] = []
        for line in ANER_TRAIN.read_text(encoding="utf-8").splitlines() + [""]:
            if line.strip():
                sentence.append(line.rsplit(" ", 1)[0])
            elif sentence:
                docs.append(Doc("anercorp", f"anercorp[{counts['anercorp']}]", " ".join(sentence)))
                counts["anercorp"] += 1
                sentence = []
    except OSError as exc:
        raise KgError(f"cannot read {ANER_TRAIN}: {exc.strerror}") from exc
    return docs, spans, dict(counts)


def analyse(docs: list[Doc]) -> list[Sent]:
    """Sentences, normalised tokens and gazetteer mentions of every text."""
    extractor = entity_extractors.create("gazetteer")
    out: list[Sent] = []
    for index, doc in enumerate(docs):
        article = Article(str(index), doc.text, "", 0, None, "none")
        sentences = split_sentences(doc.text)
        by_sentence: dict[int, list[tuple[int, int, str, str]]] = defaultdict(list)
        for m in extractor(article, sentences):
            by_sentence[m.sentence].append((m.first_token, m.last_token, m.type, m.entity_id))
        for s in sentences:
            out.append(Sent(index, tuple(t.norm for t in s.tokens), tuple(t.start for t in s.tokens),
                            tuple(t.is_word for t in s.tokens), tuple(sorted(by_sentence.get(s.index, ())))))
    return out
