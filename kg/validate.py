"""`kg validate`: the SHACL shapes of ontology/shapes.ttl, run with pySHACL on a
graph.ttl or a store's merged graph. The shapes state what every consumer of
the graph relies on (sides, modality, confidence, evidence with document and
offsets, xsd:date dates), so a broken export or a hand-edited file is caught
before an analyst trusts it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from kg.namespaces import PREFIXES
from kg.ontology_data import ontology_dir


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: list[Violation]
    triples: int


def _short(term: object) -> str:
    text = str(term) if term is not None else ""
    for prefix, namespace in PREFIXES.items():
        if text.startswith(str(namespace)):
            return f"{prefix}:{text[len(str(namespace)):]}"
    return text


def shapes_path() -> Path:
    return ontology_dir() / "shapes.ttl"


def validate_graph(data: Graph) -> ValidationReport:
    """Run the shapes; no inference (the graph states its own types)."""
    from pyshacl import validate

    shapes = Graph().parse(shapes_path(), format="turtle")
    conforms, results, _ = validate(data, shacl_graph=shapes, inference="none", advanced=True,
                                    allow_warnings=False, meta_shacl=False)
    violations = []
    for result in results.objects(None, SH.result):
        message = results.value(result, SH.resultMessage)
        violations.append(Violation(
            _short(results.value(result, SH.focusNode)), _short(results.value(result, SH.resultPath)),
            str(message) if message is not None else "constraint violated",
            _short(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]))
    violations.sort(key=lambda v: (v.message, v.focus, v.path))
    return ValidationReport(bool(conforms), violations, len(data))


def format_report(report: ValidationReport, source: str, limit: int = 20) -> str:
    if report.conforms:
        return f"{source}: conforms to the kg shapes ({report.triples} triples)"
    lines = [f"{source}: {len(report.violations)} violation(s) of the kg shapes"]
    for v in report.violations[:limit]:
        where = f"{v.focus} {v.path}".strip()
        lines.append(f"  {where}: {v.message}")
    if len(report.violations) > limit:
        lines.append(f"  … and {len(report.violations) - limit} more")
    return "\n".join(lines)


__all__ = ["ValidationReport", "Violation", "validate_graph", "format_report", "shapes_path", "URIRef"]
