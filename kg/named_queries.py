"""Named, parameterised SPARQL queries shipped in the package (kg/queries).

Each .rq file starts with a header of comments:

    # description: one line shown by `kg query --list`
    # param: NAME TYPE DEFAULT  what it is   (DEFAULT "-": optional, unbound when not given;
                                              #  no DEFAULT at all: required)

and uses `$NAME` where a parameter goes: `$NAME` is a SPARQL variable, so
the file also runs as it is (`kg query --file`), the parameter then
matching anything. `kg query --named NAME --param NAME=VALUE` puts the
value (or the default) in its place as an RDF term of the declared type:
entity (a bare id means ent:ID), relation (a bare name means kg:NAME), iri,
date, integer or string.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg.errors import KgError
from kg.namespaces import PREFIXES

QUERY_DIR = Path(str(resources.files("kg") / "queries"))
PARAM_TYPES = ("entity", "relation", "iri", "date", "integer", "string")
_PREFIXED = re.compile(r"^([A-Za-z][\w-]*):([\w./%-]+)$")
_BARE = re.compile(r"^[\w./%-]+$")
_IRI = re.compile(r'^<[^<>"{}|^`\\\s]*>$')


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None  # None: required, unless optional
    help: str
    optional: bool = False  # declared with default "-": left unbound (matches anything) when not given


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path

    def render(self, values: dict[str, str]) -> str:
        """The query with each $param replaced by its value (or default)."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            listed = ", ".join(known) or "none"
            raise KgError(f"query '{self.name}' has no parameter {', '.join(unknown)} (its parameters: {listed})")
        text = self.text
        for param in self.params:
            raw = values.get(param.name, param.default)
            if raw is None and param.optional:
                continue
            if raw is None:
                raise KgError(f"query '{self.name}' needs --param {param.name}=… ({param.help})")
            term = term_for(param, raw)
            text = re.sub(rf"\${re.escape(param.name)}\b", lambda _m: term, text)
        return text


def term_for(param: Param, raw: str) -> str:
    """A parameter value as SPARQL term text; bad values are a KgError."""
    value = raw.strip()
    bad = KgError(f"--param {param.name}={raw!r}: not a valid {param.type}")
    if param.type in ("entity", "relation", "iri"):
        if _IRI.match(value):
            return value
        match = _PREFIXED.match(value)
        if match:
            if match.group(1) not in PREFIXES:
                raise KgError(f"--param {param.name}={raw!r}: unknown prefix '{match.group(1)}:' "
                              f"(known: {', '.join(PREFIXES)})")
            return value
        if param.type != "iri" and _BARE.match(value):
            return ("ent:" if param.type == "entity" else "kg:") + value
        raise bad
    if param.type == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise bad
        return f'"{value}"^^xsd:date'
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise bad
        return value
    return json.dumps(value, ensure_ascii=False)


def parse_query_file(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    description, params = "", []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        if body.startswith("description:"):
            description = body.split(":", 1)[1].strip()
        elif body.startswith("param:"):
            parts = body.split(":", 1)[1].split(None, 3)
            if len(parts) < 2 or parts[1] not in PARAM_TYPES:
                raise KgError(f"{path}: bad parameter line {line!r} (# param: NAME TYPE [DEFAULT] [help])")
            default = parts[2] if len(parts) > 2 and parts[2] != "-" else None
            optional = len(parts) > 2 and parts[2] == "-"
            params.append(Param(parts[0], parts[1], default, parts[3] if len(parts) > 3 else "", optional))
    return NamedQuery(path.stem, description, tuple(params), text, path)


def named_queries(folder: Path = QUERY_DIR) -> dict[str, NamedQuery]:
    """Every shipped query, by name."""
    return {p.stem: parse_query_file(p) for p in sorted(folder.glob("*.rq"))}


def named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise KgError(f"no named query '{name}' (known: {', '.join(queries)}; see kg query --list)")
    return queries[name]


def parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise KgError(f"--param {pair!r}: expected NAME=VALUE")
        values[key.strip()] = value
    return values
