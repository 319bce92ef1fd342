"""extractors/ and ontology/ install inside kg's namespace (issue 10): a wheel
holds kg/extractors and kg/ontology and no top-level package of those names,
and in a checkout the same names map onto the folders beside kg/."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import kg
import kg.extractors
import kg.ontology
import kg.pipeline  # noqa: F401  (imports every built-in extractor)
from kg.ontology_data import ontology_dir

ROOT = Path(__file__).resolve().parents[1]


def test_checkout_names_map_onto_the_folders_beside_kg() -> None:
    assert Path(kg.extractors.__file__).resolve() == ROOT / "extractors" / "__init__.py"
    assert Path(kg.ontology.__file__).resolve() == ROOT / "ontology" / "__init__.py"
    assert ontology_dir().resolve() == ROOT / "ontology"


def test_no_module_is_imported_under_the_old_top_level_names() -> None:
    """A module imported as both extractors.x and kg.extractors.x would run
    twice (two registries' worth of extractors, two lexicon caches)."""
    old = [name for name in sys.modules if name.split(".")[0] in ("extractors", "ontology")]
    assert old == []
    assert "kg.extractors.rules" in sys.modules


@pytest.mark.skipif(not (ROOT / "pyproject.toml").is_file(), reason="needs the source checkout")
def test_wheel_puts_extractors_and_ontology_inside_kg(tmp_path: Path) -> None:
    source = tmp_path / "src"  # a copy, so that setuptools' build/ and egg-info stay out of the checkout
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    skip = shutil.ignore_patterns("__pycache__", "node_modules")
    for name in ("kg", "extractors", "ontology"):
        shutil.copytree(ROOT / name, source / name, ignore=skip)
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "--quiet", "-w", str(tmp_path), str(source)], capture_output=True, text=True)
    if build.returncode != 0 and "No module named" in build.stderr:
        pytest.skip(f"cannot build a wheel here: {build.stderr.strip().splitlines()[-1]}")
    assert build.returncode == 0, build.stderr
    (wheel,) = tmp_path.glob("kg-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    assert "extractors" not in tops and "ontology" not in tops
    assert "kg/extractors/rules.py" in names
    assert "kg/ontology/triggers.tsv" in names and "kg/ontology/kg.ttl" in names
    assert any(name.startswith("kg/ontology/gazetteer/") and name.endswith(".tsv") for name in names)
    assert "kg/_source_layout.py" in names
