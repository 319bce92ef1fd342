"""Mentions from a statistical model's predictions.

Shared by the model-based entity extractors (camel-tools' NER, spaCy): a
model says which tokens form a name and with which label (the camel-tools /
ANERcorp labels PERS, LOC, ORG, MISC); this module decides what the name
is. A name the gazetteer knows links to its entity, type and actor exactly
as the gazetteer extractor would link it (a capital acting for its state);
any other name gets the identifier `kg.naming.discovered_id` derives from
the name alone, so the same name in two articles is one node.

Pure: no model and no I/O here beyond the ontology's word lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from kg.extractors.gazetteer import GazetteerExtractor
from kg.errors import KgError
from kg.gazetteer import Gazetteer
from kg.lexicon import load_lexicon, match_keys_with_affixes
from kg.model import MODEL_VIA, Mention
from kg.naming import DISCOVERED_TYPES, discovered_id
from kg.ontology_data import load_clitics, ontology_dir, read_tsv
from kg.text import ARTICLE, Sentence, Token, alias_key, clitic_stems, normalize, normalize_with_offsets

LABEL_TYPES = {"PERS": "Person", "ORG": "Organization", "LOC": "Place"}  # MISC is not an entity of ours
ORG_KINDS_FILE = "org_kinds.tsv"
MIN_LETTERS_AFTER_ARTICLE = 3  # والتر (Walter) is not و + التر


@dataclass(frozen=True)
class PredictedSpan:
    """A name as a model predicted it."""

    first_token: int  # token indices within the sentence, end exclusive
    last_token: int
    label: str  # PERS | LOC | ORG | MISC (camel/ANERcorp labels)
    confidence: float
    skip_chars: int = 0  # characters of proclitics to drop from the start of the first token (ولبنان -> 1)


@lru_cache(maxsize=None)
def load_org_kinds() -> dict[str, str]:
    """Matching key of an organisation's head word → the type it gives
    (قوات → ArmedGroup), from ontology/org_kinds.tsv (optional)."""
    path = ontology_dir() / ORG_KINDS_FILE
    if not path.exists():
        return {}
    kinds: dict[str, str] = {}
    for row in read_tsv(path):
        word, entity_type = row.get("word", ""), row.get("type", "")
        if entity_type not in DISCOVERED_TYPES:
            raise KgError(f"{path}: '{entity_type}' for '{word}' is not an entity type ({', '.join(DISCOVERED_TYPES)})")
        if word:
            kinds[alias_key(normalize(word))] = entity_type
    return kinds


def _surface_chars(text: str, norm_chars: int) -> int:
    """How many characters of `text` produce its first `norm_chars`
    normalised characters (diacritics and tatweel included)."""
    norm, origin = normalize_with_offsets(text)
    return origin[norm_chars] if norm_chars < len(norm) else len(text)


def proclitic_chars(token: Token, gaz: Gazetteer | None = None) -> int:
    """Characters of proclitics to drop from the start of a name's first
    word, for models that tag whole words (ولبنان, والأسد tagged as names).

    Dropped only where it is safe: the word without them starts a name the
    gazetteer knows (ولبنان → لبنان, والعراق → العراق), or they stand before
    the article of a longer word (والأسد → الأسد, بالموصل → الموصل). The
    article itself stays with the name. A bare و before an unknown name
    (وسامر) is kept: it cannot be told from a name's own first letter (وليد)."""
    norm = token.norm
    if gaz is not None and alias_key(norm) in gaz.aliases:
        return 0  # the whole word starts a known name
    for prefix in load_clitics().proclitics:  # longest first
        if not norm.startswith(prefix):
            continue
        rest = norm[len(prefix):]
        with_article = prefix.endswith(ARTICLE) or prefix.endswith("لل")
        cut = len(prefix) - len(ARTICLE) if with_article else len(prefix)
        if gaz is not None and len(rest) >= 2 and alias_key(rest) in gaz.aliases:
            return _surface_chars(token.text, cut)
        if with_article and cut > 0 and len(rest) >= MIN_LETTERS_AFTER_ARTICLE and not prefix.endswith("لل"):
            return _surface_chars(token.text, cut)
    return 0


_MATCHERS: dict[int, tuple[Gazetteer, GazetteerExtractor]] = {}


def _matcher(gaz: Gazetteer) -> GazetteerExtractor:
    """The gazetteer extractor whose alias matching names are checked with,
    one per gazetteer (the gazetteer is kept so its id is not reused)."""
    held = _MATCHERS.get(id(gaz))
    if held is None or held[0] is not gaz:
        held = _MATCHERS[id(gaz)] = (gaz, GazetteerExtractor(gaz))
    return held[1]


def _is_demonym(gaz: Gazetteer, token: Token) -> bool:
    return any(key in gaz.demonyms for key in clitic_stems(token.norm))


def _is_verb(token: Token) -> bool:
    """A verb of the trigger lexicon or a reporting verb: a word names
    rarely start with (5 of ANERcorp train's 8,073 names do)."""
    lexicon = load_lexicon()
    return any(t.pos == "verb" for t in lexicon.lookup(token.norm)) or lexicon.is_marker("reporting", token.norm)


def _is_future_verb(token: Token) -> bool:
    """A verb of the trigger lexicon with the future marker س (سيزوران،
    سيلتقي): a word no name is, though the NER takes a few for one."""
    lexicon = load_lexicon()
    return any("س" in prefix and any(t.pos == "verb" for t in lexicon.triggers.get(key, ()))
               for prefix, key, _ in match_keys_with_affixes(token.norm))


def _entity_type(label: str, words: list[Token]) -> str:
    entity_type = LABEL_TYPES[label]
    if entity_type == "Organization":
        kinds = load_org_kinds()
        for key in clitic_stems(words[0].norm):
            if key in kinds:
                return kinds[key]
    return entity_type


def _mention(sentence: Sentence, span: PredictedSpan, extractor: str, gaz: Gazetteer,
             matcher: GazetteerExtractor) -> Mention | None:
    tokens = sentence.tokens
    if not 0 <= span.first_token < span.last_token <= len(tokens):
        raise ValueError(f"span {span.first_token}:{span.last_token} outside sentence {sentence.index} ({len(tokens)} tokens)")
    if span.label not in LABEL_TYPES:
        return None  # MISC and labels we have no type for
    first, last, skip = span.first_token, span.last_token, span.skip_chars
    while first < last and not tokens[first].is_word:
        first, skip = first + 1, 0  # the clitics belonged to the punctuation dropped
    while last > first and not tokens[last - 1].is_word:
        last -= 1
    while last - first > 1 and _is_verb(tokens[first]):
        first, skip = first + 1, 0  # وزار بخاري: the model took the verb before the name into it
    if first == last or (last - first == 1 and _is_future_verb(tokens[first])):
        return None
    head = tokens[first]
    if not 0 <= skip < len(head.text):
        raise ValueError(f"skip_chars {span.skip_chars} does not leave anything of '{head.text}'")
    if skip:
        rest = head.text[skip:]
        head = Token(head.index, rest, head.start + skip, head.end, normalize(rest))
    name_tokens = (head,) + tokens[first + 1:last]
    words = [t for t in name_tokens if t.is_word]
    if sum(c.isalpha() for t in words for c in t.norm) <= 1:
        return None  # punctuation, digits or a single letter
    start, end = head.start, tokens[last - 1].end
    text = sentence.text[start - sentence.start:end - sentence.start]
    match = matcher.alias_at(name_tokens, 0)
    if match is not None and match.last == len(name_tokens):
        entity = gaz.entity(match.entity_id)
        entity_id, entity_type = entity.id, entity.type
        actor_id = entity.link("capital_of") or entity_id
    else:
        if len(words) == 1 and _is_demonym(gaz, words[0]):
            return None  # a state adjective (الروسية): the gazetteer's demonyms cover it
        entity_type = _entity_type(span.label, words)
        try:
            entity_id = discovered_id(" ".join(t.text for t in words), entity_type)
        except ValueError:
            return None  # nothing to transliterate
        actor_id = entity_id
    return Mention(
        sentence=sentence.index, start=start, end=end, first_token=first, last_token=last, text=text,
        entity_id=entity_id, actor_id=actor_id, type=entity_type, via=MODEL_VIA, extractor=extractor,
        confidence=span.confidence,
    )


def mentions_from_spans(sentence: Sentence, spans: Sequence[PredictedSpan], extractor: str,
                        gaz: Gazetteer) -> list[Mention]:
    """The mentions a model's spans in one sentence stand for.

    The surface is the document's text from the first token's start (past
    `skip_chars`) to the last token's end; punctuation at either edge is
    trimmed. A name that is a whole gazetteer alias (matched through clitics
    as the gazetteer extractor matches) links to that entity, its type and
    its actor; any other gets a discovered id with PERS → Person,
    ORG → Organization (ArmedGroup for the head words of org_kinds.tsv),
    LOC → Place. MISC spans, spans of punctuation, digits or a single
    letter, and lone state adjectives are dropped."""
    matcher = _matcher(gaz)
    mentions = []
    for span in spans:
        mention = _mention(sentence, span, extractor, gaz, matcher)
        if mention is not None:
            mentions.append(mention)
    return mentions
