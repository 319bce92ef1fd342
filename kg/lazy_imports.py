"""Importing spaCy without torch and without its command line.

thinc (spaCy's machine-learning library) imports torch at start-up whenever
torch is installed, only to offer its torch wrappers; kg's NER does not use
them (its model is thinc's own layers), and torch costs about 2 s of every
cold start (`kg extract` paid it for nothing). Python treats a `None` in
`sys.modules` as "this module cannot be imported", which thinc's optional
import handles; the sentinel is removed right after, so an extractor that
needs torch (the e5 NER) still imports it normally later. If torch is already
imported, nothing is hidden.
"""

from __future__ import annotations

import sys
from types import ModuleType

_HIDDEN = ("torch",)


def import_spacy() -> ModuleType:
    """`import spacy`, with torch hidden from thinc unless already loaded,
    and without spaCy's command line (see _cli_stand_ins)."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    hidden = [name for name in _HIDDEN if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    stand_ins = _cli_stand_ins() if "spacy.cli" not in sys.modules else {}
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    return spacy


def _cli_stand_ins() -> dict[str, ModuleType]:
    """spaCy's `__init__` imports `spacy.cli.info` only to offer
    `spacy.info()`, and with it the whole command line (typer, the model
    downloader): about 0.2 s of a 1.4 s `kg extract`. Stand-ins take the two
    modules' places while spaCy is imported and are removed after, so
    `import spacy.cli` later imports the real one; `spacy.info()` imports it
    on its first call."""
    package = ModuleType("spacy.cli")
    package.__path__ = []  # a package, so that spacy.cli.info may be its child
    info_module = ModuleType("spacy.cli.info")

    def info(*args, **kwargs):  # type: ignore[no-untyped-def]
        from spacy.cli.info import info as real_info

        return real_info(*args, **kwargs)

    info_module.info = info  # type: ignore[attr-defined]
    return {"spacy.cli": package, "spacy.cli.info": info_module}
