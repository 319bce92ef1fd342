"""Entity and relation extractors. Importing this package registers the
built-in ones in `kg.registry`; others register the same way or through
the `kg.entity_extractors` / `kg.relation_extractors` entry points."""

from kg.extractors import camel_ner, gazetteer, model_mentions, ner, ner_e5, pairs, rules, static  # noqa: F401
