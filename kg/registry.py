"""Pluggable extractors, registered by name (in the spirit of spaCy's
registries): the pipeline asks for names, so a statistical NER or
camel-tools' pretrained NER slots in without touching the pipeline.

Third-party packages can register through the entry-point groups
`kg.entity_extractors` and `kg.relation_extractors`.
"""

from __future__ import annotations

from importlib import metadata
from typing import Callable, Generic, Protocol, TypeVar

from kg.errors import KgError
from kg.model import Article, EventMention, Mention, RelationMention
from kg.text import Sentence


class EntityExtractor(Protocol):
    """Finds entity mentions in the sentences of one article."""

    name: str

    def __call__(self, article: Article, sentences: list[Sentence]) -> list[Mention]: ...


class RelationExtractor(Protocol):
    """Finds relations between the mentions of one article, and events whose
    trigger was found with one side or none (`EventMention`)."""

    name: str

    def __call__(self, article: Article, sentences: list[Sentence],
                 mentions: list[Mention]) -> list[RelationMention | EventMention]: ...


T = TypeVar("T")


class Registry(Generic[T]):
    """Name → factory. A factory takes no arguments and returns an extractor."""

    def __init__(self, group: str) -> None:
        self.group = group
        self._factories: dict[str, Callable[[], T]] = {}
        self._entry_points_loaded = False

    def register(self, name: str) -> Callable[[Callable[[], T]], Callable[[], T]]:
        def decorator(factory: Callable[[], T]) -> Callable[[], T]:
            self._factories[name] = factory
            return factory

        return decorator

    def _load_entry_points(self) -> None:
        if self._entry_points_loaded:
            return
        self._entry_points_loaded = True
        for entry in metadata.entry_points(group=f"kg.{self.group}"):
            self._factories.setdefault(entry.name, entry.load())

    def names(self) -> list[str]:
        self._load_entry_points()
        return sorted(self._factories)

    def require(self, name: str) -> Callable[[], T]:
        """The factory of `name`, or KgError listing the known names (lets a
        caller check a choice before paying for any model)."""
        self._load_entry_points()
        factory = self._factories.get(name)
        if factory is None:
            raise KgError(f"unknown {self.group[:-1].replace('_', ' ')} '{name}' (known: {', '.join(self.names())})")
        return factory

    def create(self, name: str) -> T:
        return self.require(name)()


entity_extractors: Registry[EntityExtractor] = Registry("entity_extractors")
relation_extractors: Registry[RelationExtractor] = Registry("relation_extractors")
