"""What makes a stored article's contribution current: its content hash
and the pipeline fingerprint (extractor names, kg's version, and a hash of
the ontology and model files). An article whose id, hash and fingerprint
match the store is skipped without running the pipeline."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import kg
from kg.model import Article

_MODELS = Path(__file__).resolve().parents[1] / "models"


def content_hash(article: Article) -> str:
    """sha256 of everything the pipeline reads from an article."""
    parts = (article.doc_id, article.title, str(article.headline_end), article.text,
             article.date.isoformat() if article.date else "", article.date_source, article.url)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def data_hash() -> str:
    """sha256 over the ontology and model files (names and bytes)."""
    from kg.ontology_data import ontology_dir

    digest = hashlib.sha256()
    for folder in (ontology_dir(), _MODELS):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(f"{folder.name}/{path.relative_to(folder)}".encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def pipeline_fingerprint(entity_names: tuple[str, ...], relation_names: tuple[str, ...]) -> str:
    """A short id of the pipeline that produced a contribution."""
    text = f"kg {kg.__version__}|entities {','.join(entity_names)}|relations {','.join(relation_names)}|data {data_hash()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
