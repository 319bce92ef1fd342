"""Turtle export of the graph (atomic), byte for byte what rdflib writes.

rdflib building and serialising the graph was most of the serial tail of
`kg build` (what keeps `--jobs 2` from doubling the speed): its in-memory
store keeps three indexes and the contexts of every triple, and its Turtle
serializer works out the prefixed name of every IRI again at each
occurrence and writes the file in tens of thousands of tiny encoded pieces.
Here the same serializer reads a plain `TripleSet` (a set of triples indexed
by subject, all the serializer asks of a graph), remembers prefixed names and
labels once known, and encodes the text once at the end; the output stays
exactly rdflib's (the store's `kg build --store` and the dask engine write
graph.ttl with rdflib; tests compare the two byte for byte).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.serializers.turtle import VERB, TurtleSerializer
from rdflib.term import Node

Triple = tuple[Node, Node, Node]


class TripleSet:
    """A set of triples indexed by subject, with the namespace bindings of
    `namespaces` (an rdflib Graph): the part of rdflib's Graph that its Turtle
    serializer uses, without the cost of rdflib's indexed store."""

    def __init__(self, namespaces: Graph) -> None:
        self.namespaces_graph = namespaces
        self.store = namespaces.store  # the serializer asks it whether an IRI is a namespace
        self.base: str | None = None
        self._spo: dict[Node, dict[Node, dict[Node, None]]] = {}
        self._size = 0

    def add(self, triple: Triple) -> "TripleSet":
        s, p, o = triple
        objects = self._spo.setdefault(s, {}).setdefault(p, {})
        if o not in objects:
            objects[o] = None
            self._size += 1
        return self

    def __iadd__(self, triples: Iterable[Triple]) -> "TripleSet":
        for triple in triples:
            self.add(triple)
        return self

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[Triple]:
        return self.triples((None, None, None))

    def triples(self, pattern: tuple[Node | None, Node | None, Node | None]) -> Iterator[Triple]:
        s, p, o = pattern
        subjects = self._spo if s is None else ({s: self._spo[s]} if s in self._spo else {})
        for subject, predicates in subjects.items():
            for predicate, objects in predicates.items():
                if p is not None and predicate != p:
                    continue
                for obj in objects:
                    if o is None or obj == o:
                        yield subject, predicate, obj

    def subjects(self, predicate: Node, obj: Node) -> Iterator[Node]:
        for s, _, _ in self.triples((None, predicate, obj)):
            yield s

    def predicate_objects(self, subject: Node) -> Iterator[tuple[Node, Node]]:
        for _, p, o in self.triples((subject, None, None)):
            yield p, o

    def value(self, subject: Node, predicate: Node) -> Node | None:
        for _, _, o in self.triples((subject, predicate, None)):
            return o
        return None

    def compute_qname(self, uri: str, generate: bool = True) -> tuple[str, str, str]:
        return self.namespaces_graph.compute_qname(uri, generate)

    def namespaces(self) -> Iterator[tuple[str, Any]]:
        return self.namespaces_graph.namespaces()

from kg.atomic import atomic_writer


class _Parts:
    """The stream handed to rdflib: collects what it writes directly."""

    def __init__(self, parts: list[str]) -> None:
        self.parts = parts

    def write(self, data: bytes) -> None:
        self.parts.append(data.decode("latin-1"))


class FastTurtleSerializer(TurtleSerializer):
    """rdflib's TurtleSerializer with remembered names and one encode."""

    def __init__(self, store: Graph | TripleSet) -> None:
        super().__init__(store)
        self._pnames: dict[Node, str] = {}
        self._labels: dict[tuple[Node, bool], str] = {}
        self._parts: list[str] = []

    def preprocessTriple(self, triple: Triple) -> None:  # noqa: N802 (rdflib's name)
        """rdflib's preprocessTriple, with names already found not asked for again."""
        if self.base is not None:
            super().preprocessTriple(triple)
            return
        s, p, o = triple
        self._references[o] += 1
        self._subjects[s] = True
        pnames = self._pnames
        if type(s) is URIRef and s not in pnames:
            self.get_pname(s, gen_prefix=False)
        if p not in self.keywords and type(p) is URIRef and p not in pnames:
            self.get_pname(p, gen_prefix=True)
        if isinstance(o, Literal):
            if o.datatype and o.datatype not in pnames:
                self.get_pname(o.datatype, gen_prefix=False)
        elif isinstance(o, URIRef) and o not in pnames:
            self.get_pname(o, gen_prefix=False)
        if isinstance(p, BNode):
            self._references[p] += 1

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


def turtle_text(graph: Graph | TripleSet) -> str:
    """`graph` as Turtle, the same bytes as `graph.serialize(format="turtle")`."""
    return FastTurtleSerializer(graph).text()


def write_turtle(graph: Graph | TripleSet, path: Path) -> None:
    with atomic_writer(path) as handle:
        handle.write(turtle_text(graph))

