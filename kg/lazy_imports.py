"""Importing spaCy without torch.

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
    """`import spacy`, with torch hidden from thinc unless already loaded."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    hidden = [name for name in _HIDDEN if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import spacy
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
    return spacy
