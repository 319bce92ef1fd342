"""NER throughput and scores on the ANERcorp test split (CAMeL Lab), in one run.

kg side: `kg.ner.model.NerModel.load().predict(sentences)` on the test file's
own tokens (clitic split + spaCy tok2vec/ner, batched with nlp.pipe).
Baseline: camel-tools `simple_word_tokenize` over the same sentences joined
by spaces, i.e. the cheapest pass any Arabic pipeline makes over the text;
it finds no entities, it only says how far the NER is from "just reading".
Both sides count the test file's tokens (25,008) and run --repeat times;
the best time counts. Then the model is scored with kg.ner.evaluate (file
as it is, and with sentence-initial tokens excluded).

    python bench/bench_ner.py [--repeat 3] [--model DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from camel_tools.tokenizers.word import simple_word_tokenize  # noqa: E402

from kg.ner.conll import read_iob  # noqa: E402
from kg.ner.evaluate import DEFAULT_CHECK, DEFAULT_TEST, evaluate_ner, format_report  # noqa: E402
from kg.ner.model import NerModel  # noqa: E402


def best_of(repeat: int, run) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--test", type=Path, default=DEFAULT_TEST)
    parser.add_argument("--check", type=Path, default=DEFAULT_CHECK)
    args = parser.parse_args()

    sentences = [list(s.tokens) for s in read_iob(args.test)]
    texts = [" ".join(words) for words in sentences]
    tokens = sum(len(words) for words in sentences)
    load_started = time.perf_counter()
    model = NerModel.load(args.model)
    load_seconds = time.perf_counter() - load_started
    model.predict(sentences[:50])  # warm-up: first-call allocations

    ner_seconds = best_of(args.repeat, lambda: model.predict(sentences))
    base_seconds = best_of(args.repeat, lambda: [simple_word_tokenize(t) for t in texts])
    ner_rate, base_rate = tokens / ner_seconds, tokens / base_seconds

    print(f"# NER throughput: kg.ner vs camel-tools simple_word_tokenize; {len(sentences):,} sentences, "
          f"{tokens:,} tokens (ANERcorp CAMeL Lab test); best of {args.repeat}")
    print(f"# {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs; "
          f"model {model.path} loaded in {load_seconds:.2f} s")
    print("| side                                  |     s | tokens/s |")
    print("|---------------------------------------|------:|---------:|")
    print(f"| kg NerModel.predict (segment + spaCy) | {ner_seconds:5.2f} | {ner_rate:8,.0f} |")
    print(f"| camel-tools simple_word_tokenize      | {base_seconds:5.2f} | {base_rate:8,.0f} |")
    print(f"\nbaseline/kg: {base_rate / ner_rate:,.0f}x (the NER is {base_rate / ner_rate:,.0f} times slower than tokenising)\n")
    report = evaluate_ner(model, args.test, args.check)
    print(format_report(report), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
