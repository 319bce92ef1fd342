"""Choosing the NER settings on a dev split of the *train* file.

`python -m kg.ner.tune NAME KEY=VALUE …` trains on 9/10 of the train file
(the last tenth, or every 10th sentence, held out as dev: kg.ner.conll.split_dev) with
config.cfg plus the given overrides, prints the dev F1 after every epoch,
and appends one JSON line to --log. The test file is never read here.

Values are parsed as JSON when they can be (`training.max_epochs=30`,
`components.tok2vec.model.embed.attrs=["NORM","PREFIX"]`), else as strings
(`segmenter.rule=none`).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from kg.ner.conll import read_iob, read_wojood, split_dev
from kg.ner.train import DEFAULT_TRAIN, EpochReport, build_nlp, save_model


def parse_overrides(items: list[str]) -> dict[str, object]:
    overrides: dict[str, object] = {}
    for item in items:
        key, _, raw = item.partition("=")
        try:
            overrides[key] = json.loads(raw)
        except json.JSONDecodeError:
            overrides[key] = raw
    return overrides


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.ner.tune", description=__doc__.splitlines()[0])
    parser.add_argument("name")
    parser.add_argument("overrides", nargs="*", help="dotted config KEY=VALUE")
    parser.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dev", choices=("tail", "every"), default="tail", help="dev split of the train file (kg.ner.conll.split_dev)")
    parser.add_argument("--extra", type=Path, action="append", default=[], help="Wojood file(s) to add to the training part")
    parser.add_argument("--save", type=Path, default=None, help="also write the trained model here")
    parser.add_argument("--log", type=Path, default=Path("ner_tune.jsonl"))
    args = parser.parse_args(argv)
    overrides = parse_overrides(args.overrides)
    train, dev = split_dev(read_iob(args.train), how=args.dev)
    for extra in args.extra:
        train = train + read_wojood(extra)
    curve: list[float] = []
    per_type: list[dict[str, float]] = []

    def report(r: EpochReport) -> None:
        curve.append(round(r.dev_f1 or 0.0, 4))
        per_type.append(r.dev_per_type or {})
        print(f"{args.name} epoch {r.epoch}/{r.epochs} loss {r.loss:8.1f} dev F1 {r.dev_f1:.4f} {r.seconds:6.0f} s", flush=True)

    started = time.perf_counter()
    nlp, segmenter, classes = build_nlp(train, seed=args.seed, config_overrides=overrides, dev=dev, progress=report)
    if args.save is not None:
        save_model(nlp, segmenter, args.save, classes)
    best = max(range(len(curve)), key=lambda i: curve[i])
    record = {"name": args.name, "dev": args.dev, "overrides": overrides, "seed": args.seed, "best_f1": curve[best],
              "best_epoch": best + 1, "best_per_type": per_type[best], "last_f1": curve[-1], "curve": curve,
              "seconds": round(time.perf_counter() - started)}
    with args.log.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(json.dumps(record, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
