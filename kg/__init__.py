"""kg: Arabic news articles in, one RDF knowledge graph out."""

from kg import _source_layout

__version__ = "0.1.0"

_source_layout.install()
