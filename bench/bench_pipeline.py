"""Extraction throughput on real news: kg's Pipeline vs bare camel-tools tokenising.

Input: the first N articles with non-empty `content` of one SaudiNewsNet daily
archive (default /work/shared/data/saudinewsnet/dataset/2015-08-01.zip). The
archive is unpacked into a temporary directory that is deleted afterwards:
the corpus is CC BY-NC-SA and must never be copied into the repository.

  ours      kg.pipeline.Pipeline() on kg.reader.article_from_text(...) for each
            article (sentences, gazetteer mentions, rule and static relations;
            article_from_text also looks for the article's stated date)
  baseline  camel-tools simple_word_tokenize + dediac_ar + normalize_alef_ar
            over the same article text (title + content): the bare cost of
            tokenising and normalising

The ratio says how many times longer full extraction takes than bare
tokenisation on the same text. Words are counted as the baseline's tokens
that contain a letter or digit.

    python bench/bench_pipeline.py [--articles 500] [--zip PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import normalize_alef_ar
from camel_tools.tokenizers.word import simple_word_tokenize

from kg.pipeline import DEFAULT_ENTITY_EXTRACTORS, DEFAULT_RELATION_EXTRACTORS, PROFILES, Pipeline
from kg.reader import article_from_text

DEFAULT_ZIP = Path("/work/shared/data/saudinewsnet/dataset/2015-08-01.zip")


def load_articles(zip_path: Path, limit: int) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="kg-bench-news-") as tmp:
        with zipfile.ZipFile(zip_path) as archive:
            names = [n for n in archive.namelist() if n.endswith(".json")]
            if len(names) != 1:
                raise SystemExit(f"{zip_path}: expected one .json file, found {names}")
            archive.extract(names[0], tmp)
        records = json.loads((Path(tmp) / names[0]).read_text(encoding="utf-8"))
    return [r for r in records if isinstance(r.get("content"), str) and r["content"].strip()][:limit]


def _metadata_date(record: dict) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(record.get("date_extracted", ""))[:10])
    except ValueError:
        return None


ENCODED: dict[str, tuple[int, int]] = {}  # side -> (sentences seen, sentences encoded) of the e5 NER


def run_pipeline(records: list[dict], entity_names: tuple[str, ...] | None = None,
                 relation_names: tuple[str, ...] | None = None, label: str = "",
                 every_sentence: bool = False) -> tuple[float, int, int]:
    """(seconds, relations, mentions) for article_from_text + Pipeline() on each record
    (the default extractors, or the extractors named; `every_sentence`: the e5
    NER reads every sentence, not only those that hold a candidate)."""
    pipeline = Pipeline(entity_names or DEFAULT_ENTITY_EXTRACTORS, relation_names or DEFAULT_RELATION_EXTRACTORS)
    for extractor in pipeline.entity:
        if hasattr(extractor, "every_sentence"):
            extractor.every_sentence = every_sentence
    # Warm-up on a different text: loads gazetteer, triggers, lexicons.
    pipeline(article_from_text("warmup", "قال وزير الخارجية التركي إن أنقرة تدعم الحل في إدلب."))
    gc.collect()
    relations = mentions = 0
    t0 = time.perf_counter()
    for i, record in enumerate(records):
        article = article_from_text(f"article-{i:05d}", record["content"], metadata_date=_metadata_date(record),
                                    title=str(record.get("title") or "").strip(), url=str(record.get("url") or ""))
        result = pipeline(article)
        relations += len(result.relations)
        mentions += len(result.mentions)
    seconds = time.perf_counter() - t0
    for extractor in pipeline.entity:
        if hasattr(extractor, "sentences_encoded"):
            ENCODED[label] = (extractor.sentences_seen, extractor.sentences_encoded)
    return seconds, relations, mentions


def _text(record: dict) -> str:
    title = str(record.get("title") or "").strip()
    return f"{title}\n{record['content']}" if title else record["content"]


def run_baseline(records: list[dict]) -> tuple[float, int]:
    """(seconds, words) for simple_word_tokenize + dediac_ar + normalize_alef_ar on each text."""
    simple_word_tokenize("تجربة")  # warm-up
    gc.collect()
    words = 0
    t0 = time.perf_counter()
    for record in records:
        tokens = [normalize_alef_ar(dediac_ar(t)) for t in simple_word_tokenize(_text(record))]
        words += sum(1 for t in tokens if any(c.isalnum() for c in t))
    return time.perf_counter() - t0, words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", "-n", type=int, default=500, help="articles with content to process")
    parser.add_argument("--zip", type=Path, default=DEFAULT_ZIP, help="SaudiNewsNet daily archive")
    parser.add_argument("--repeat", type=int, default=1, help="run every side this many times, keep the fastest")
    parser.add_argument("--accurate", action="store_true",
                        help="also the accurate profile (e5 NER on candidate sentences), and the e5 NER on every sentence")
    args = parser.parse_args(argv)

    records = load_articles(args.zip, args.articles)

    def best(*a, **k) -> tuple[float, int, int]:
        runs = [run_pipeline(*a, **k) for _ in range(max(1, args.repeat))]
        return min(runs, key=lambda r: r[0])

    chars = sum(len(_text(r)) for r in records)
    t_base, words = run_baseline(records)
    sides = [(f"kg Pipeline, default ({'+'.join(DEFAULT_ENTITY_EXTRACTORS)})", best(records))]
    without_classifier = tuple(name for name in DEFAULT_RELATION_EXTRACTORS if name != "pairs")
    if without_classifier != DEFAULT_RELATION_EXTRACTORS:
        sides.append((f"kg Pipeline, --relations {','.join(without_classifier)}",
                      best(records, relation_names=without_classifier)))
    if DEFAULT_ENTITY_EXTRACTORS != ("gazetteer",):
        sides.append(("kg Pipeline, --entities gazetteer", best(records, ("gazetteer",))))
    if args.accurate:
        accurate = PROFILES["accurate"]
        name = f"kg Pipeline, --profile accurate ({'+'.join(accurate.entities)})"
        sides.append((name, best(records, accurate.entities, accurate.relations, label=name)))
        name = "kg Pipeline, accurate, e5 NER on every sentence"
        sides.append((name, best(records, accurate.entities, accurate.relations, label=name, every_sentence=True)))

    print(f"# Extraction throughput: {len(records)} articles from {args.zip.name}, {words:,} words, "
          f"{chars:,} characters" + (f"; best of {args.repeat}" if args.repeat > 1 else ""))
    print(f"| {'side':<46} | {'seconds':>8} | {'articles/s':>10} | {'words/s':>9} |")
    print(f"|{'-' * 48}|{'-' * 9}:|{'-' * 11}:|{'-' * 10}:|")
    for name, t in [(name, t) for name, (t, _, _) in sides] + [("camel-tools tokenize + dediac + normalize_alef", t_base)]:
        print(f"| {name:<46} | {t:>8.2f} | {len(records) / t:>10.1f} | {words / t:>9,.0f} |")
    print()
    for name, (t_kg, relations, mentions) in sides:
        print(f"{name}: {t_kg / t_base:.1f}x the time of bare tokenising; relations: {relations:,} "
              f"({1000 * relations / words:.2f} per 1,000 words); entity mentions: {mentions:,} "
              f"({1000 * mentions / words:.1f} per 1,000 words)")
    for name, (seen, encoded) in ENCODED.items():
        print(f"{name}: the encoder read {encoded:,} of {seen:,} sentences ({100 * encoded / max(seen, 1):.0f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
