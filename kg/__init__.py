"""kg: Arabic news articles in, one RDF knowledge graph out."""

__version__ = "0.1.0"
