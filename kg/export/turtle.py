"""Turtle export of the graph (atomic), byte for byte what rdflib writes.

rdflib's Turtle serializer was most of the serial tail of `kg build` (what
keeps `--jobs 2` from doubling the speed): it works out the prefixed name of
every IRI again at each of its occurrences and writes the file in tens of
thousands of tiny encoded pieces. `FastTurtleSerializer` is the same
serializer with those two costs removed — prefixed names and term labels are
remembered once known, and the text is encoded once at the end — so the
output stays exactly rdflib's (the store's `kg build --store` and the dask
engine write graph.ttl with rdflib; tests compare the two byte for byte).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.plugins.serializers.turtle import VERB, TurtleSerializer
from rdflib.term import Node

from kg.atomic import atomic_writer


class _Parts:
    """The stream handed to rdflib: collects what it writes directly."""

    def __init__(self, parts: list[str]) -> None:
        self.parts = parts

    def write(self, data: bytes) -> None:
        self.parts.append(data.decode("latin-1"))


class FastTurtleSerializer(TurtleSerializer):
    """rdflib's TurtleSerializer with remembered names and one encode."""

    def __init__(self, store: Graph) -> None:
        super().__init__(store)
        self._pnames: dict[Node, str] = {}
        self._labels: dict[tuple[Node, bool], str] = {}
        self._parts: list[str] = []

    def get_pname(self, uri: Node, gen_prefix: bool = True) -> str | None:
        # only found names are remembered: a name not found now may be found
        # once a predicate has bound a generated prefix (rdflib's own order)
        known = self._pnames.get(uri)
        if known is not None:
            return known
        found = super().get_pname(uri, gen_prefix)
        if found is not None:
            self._pnames[uri] = found
        return found

    def label(self, node: Node, position: int) -> str:
        # labels are asked for only after `preprocess`, when every prefix is bound
        key = (node, position == VERB)
        known = self._labels.get(key)
        if known is None:
            known = self._labels[key] = super().label(node, position)
        return known

    def write(self, text: str) -> None:
        self._parts.append(text)

    def text(self, **kwargs: Any) -> str:
        """The Turtle document, as `Graph.serialize(format="turtle")` returns it."""
        self._parts = []
        self.serialize(_Parts(self._parts), encoding="utf-8", **kwargs)  # type: ignore[arg-type]
        return "".join(self._parts).encode("utf-8", "replace").decode("utf-8")


def turtle_text(graph: Graph) -> str:
    """`graph` as Turtle, the same bytes as `graph.serialize(format="turtle")`."""
    return FastTurtleSerializer(graph).text()


def write_turtle(graph: Graph, path: Path) -> None:
    with atomic_writer(path) as handle:
        handle.write(turtle_text(graph))

