"""`kg.extractors` and `kg.ontology` in a source checkout.

Installed, the `extractors/` and `ontology/` folders live inside kg's own
namespace (pyproject's package-dir puts them at kg/extractors and
kg/ontology), so they cannot collide with another distribution's top-level
`extractors` or `ontology` package in site-packages. In the checkout they
stay beside kg/ (a user reads and extends ontology/ as data); this finder
maps the two names onto those folders, so `PYTHONPATH=. python -m kg.cli`, a
git worktree and an editable install all import the checkout's own copy
(setuptools' editable finder would point every worktree at the folder that
was installed).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

KG_DIR = Path(__file__).resolve().parent
SOURCE_ROOT = KG_DIR.parent
SUBPACKAGES = ("extractors", "ontology")


def subpackage_dir(name: str) -> Path:
    """The folder of `kg.<name>` (one of `SUBPACKAGES`): inside kg/ once
    installed, beside it in a checkout."""
    inside = KG_DIR / name
    return inside if inside.is_dir() else SOURCE_ROOT / name


class _BesideKgFinder(importlib.abc.MetaPathFinder):
    """Finds `kg.<name>` for each of `SUBPACKAGES` as the folder beside kg/."""

    def find_spec(self, fullname: str, path: object = None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        prefix, _, name = fullname.partition(".")
        if prefix != "kg" or name not in SUBPACKAGES:
            return None
        folder = subpackage_dir(name)
        return importlib.util.spec_from_file_location(fullname, folder / "__init__.py",
                                                      submodule_search_locations=[str(folder)])


def install() -> None:
    """Add the finder when kg runs from a checkout (no kg/extractors folder
    of its own, the folders beside it); installed wheels need none."""
    if (KG_DIR / "extractors").is_dir() or not (SOURCE_ROOT / "extractors" / "__init__.py").is_file():
        return
    if not any(isinstance(finder, _BesideKgFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _BesideKgFinder())
