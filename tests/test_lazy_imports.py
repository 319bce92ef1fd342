"""kg.lazy_imports: spaCy imported without torch and without its command
line, and both still importable afterwards. Each check runs in a fresh
interpreter, since the point is what one import pulls in."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _run(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_spacy_comes_without_torch_and_without_its_command_line():
    _run("import sys; from kg.lazy_imports import import_spacy; spacy = import_spacy(); "
         "assert 'torch' not in sys.modules; "
         "assert not [m for m in sys.modules if m.startswith('spacy.cli')], "
         "[m for m in sys.modules if m.startswith('spacy.cli')]; "
         "assert hasattr(spacy, 'load') and hasattr(spacy, 'blank')")


def test_the_command_line_and_spacy_info_still_work_after():
    _run("from kg.lazy_imports import import_spacy; spacy = import_spacy(); "
         "import spacy.cli; assert hasattr(spacy.cli, 'download'); "
         "assert 'spacy_version' in spacy.info()")


def test_the_shipped_ner_model_loads_and_tags_after_the_lean_import():
    _run("from kg.ner.model import NerModel; model = NerModel.load(); "
         "spans = model.predict([['قال', 'الرئيس', 'باراك', 'أوباما', 'في', 'واشنطن']]); "
         "assert isinstance(spans, list) and len(spans) == 1")
