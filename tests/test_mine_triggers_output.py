"""mine_triggers.py writes its candidate file with the trigger generators'
shared writer (trigger_files.py); the file must stay as it was before the
split: notes as comment lines, the header, tabs and newlines in a cell
turned into spaces, the folder made if missing."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mine_triggers", REPO / "scripts" / "mine_triggers.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["mine_triggers"] = module
    spec.loader.exec_module(module)
    return module


def test_write_tsv_keeps_the_format(tmp_path: Path) -> None:
    script = load_script()
    row = {c: "" for c in script.COLUMNS}
    row.update(relation="attacks", pos="noun", forms="غارة|غارات", example="قصف\tالطيران\nمواقع")
    out = tmp_path / "new" / "candidates.tsv"
    script.write_tsv(out, [row], ["first note", "second note"])
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[:3] == ["# first note", "# second note", "\t".join(script.COLUMNS)]
    cells = lines[3].split("\t")
    assert len(cells) == len(script.COLUMNS)
    assert cells[script.COLUMNS.index("example")] == "قصف الطيران مواقع"
    assert cells[script.COLUMNS.index("forms")] == "غارة|غارات"
    assert lines[4:] == [""]
