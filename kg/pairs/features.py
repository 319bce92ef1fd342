"""What the relation classifier sees of a candidate pair.

Features are sparse name → value maps, produced by named featurizers so
that a new kind of evidence (a pretrained encoder's vectors of the two
mentions and the words between, for instance) is one more registered
function and one more name in a model's `featurizers`, not a change to the
model or the extractor. Training and run time call the same functions, so
the two cannot drift.

The built-in featurizers are what an Arabic IE engineer looks at:

    types        entity types of both sides and how each was found
                 (alias, title, demonym, model …)
    between      words and stems between the two mentions, their number,
                 punctuation, other mentions between, plain coordination
    window       the words just before the first and after the second
    triggers     trigger-lexicon hits (ontology/triggers*.tsv) by relation,
                 part of speech and position (before / between / after),
                 with the preposition that introduces the second side
    prepositions prepositions and clitics that open either mention
    markers      reporting verbs, clause boundaries, agent markers and
                 light verbs around the pair (ontology/markers.tsv)

Words are compared through their matching keys (kg.text.normalize, and
kg.lexicon.match_keys' clitic-stripped stem), so وأعلنت and أعلن meet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module
from typing import Callable, Iterable

from kg.lexicon import Lexicon, match_keys
from kg.model import Mention
from kg.pairs.candidates import PairCandidate
from kg.text import Token

Features = dict[str, float]
WINDOW = 3  # words looked at before the first and after the second mention
MAX_DISTANCE_BIN = 8
MARKER_KINDS = ("reporting", "boundary", "preposition", "agent", "support", "resumptive")
CLITICS = ("و", "ف", "ب", "ل", "لل", "ال")
CONJUNCTION = "و"


@dataclass
class SentencePairs:
    """One sentence as the featurizers see it; `cache` holds what a
    featurizer computes once per sentence (a dense encoder's output, say)."""

    tokens: tuple[Token, ...]
    mentions: list[Mention]
    lexicon: Lexicon
    cache: dict[object, object] = field(default_factory=dict)

    def words(self, start: int, end: int) -> list[Token]:
        """The word tokens of tokens[start:end] (negative bounds count as 0).
        Every featurizer asks this of every pair, mostly from the sentence's
        start: answered by slicing the sentence's words, found once."""
        index = self.cache.get(_WORDS)
        if index is None:
            index = self.cache[_WORDS] = _word_index(self.tokens)
        words, before = index
        last = len(self.tokens)
        return words[before[min(max(0, start), last)]:before[min(max(0, end), last)]]

    def triggers(self, token: Token) -> tuple[tuple[str, str], ...]:
        """(relation, part of speech) of the lexicon rows a word matches."""
        return _word_classes(self.lexicon).triggers(token.norm) if token.is_word else ()

    def markers(self, token: Token) -> tuple[str, ...]:
        """The kinds of function word (MARKER_KINDS) the word is."""
        return _word_classes(self.lexicon).markers(token.norm)


_WORDS = "words"  # SentencePairs.cache key of `_word_index`


def _word_index(tokens: tuple[Token, ...]) -> tuple[list[Token], list[int]]:
    """The word tokens, and for each position k the number of words in
    tokens[:k] (k = 0 … len(tokens))."""
    words: list[Token] = []
    before = [0]
    for token in tokens:
        if token.is_word:
            words.append(token)
        before.append(len(words))
    return words, before


class _WordClasses:
    """What the lexicon says of a word, remembered across sentences (the
    same words come back in every article)."""

    LIMIT = 200_000

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._triggers: dict[str, tuple[tuple[str, str], ...]] = {}
        self._markers: dict[str, tuple[str, ...]] = {}

    def triggers(self, norm: str) -> tuple[tuple[str, str], ...]:
        found = self._triggers.get(norm)
        if found is None:
            found = tuple(sorted({(row.relation, row.pos) for row in self.lexicon.lookup(norm)}))
            if len(self._triggers) < self.LIMIT:
                self._triggers[norm] = found
        return found

    def markers(self, norm: str) -> tuple[str, ...]:
        found = self._markers.get(norm)
        if found is None:
            found = tuple(kind for kind in MARKER_KINDS if self.lexicon.is_marker(kind, norm))
            if len(self._markers) < self.LIMIT:
                self._markers[norm] = found
        return found


_CLASSES: dict[int, _WordClasses] = {}


def _word_classes(lexicon: Lexicon) -> _WordClasses:
    """One cache per lexicon (the lexicon is kept in it, so its id is not reused)."""
    held = _CLASSES.get(id(lexicon))
    if held is None or held.lexicon is not lexicon:
        held = _CLASSES[id(lexicon)] = _WordClasses(lexicon)
    return held


Featurizer = Callable[[SentencePairs, PairCandidate], Features]
FEATURIZERS: dict[str, Featurizer] = {}
DEFAULT_FEATURIZERS = ("types", "between", "window", "triggers", "prepositions", "markers")
OPTIONAL_FEATURIZERS = {"e5": "kg.pairs.e5_features"}  # name -> module that registers it


def featurizer(name: str) -> Callable[[Featurizer], Featurizer]:
    """Register a featurizer under a name (a model lists the names it was trained with)."""
    def register(function: Featurizer) -> Featurizer:
        FEATURIZERS[name] = function
        return function
    return register


def pair_features(context: SentencePairs, pair: PairCandidate, names: Iterable[str] = DEFAULT_FEATURIZERS) -> Features:
    """All features of one pair, from the named featurizers."""
    features: Features = {}
    for name in names:
        if name not in FEATURIZERS and name in OPTIONAL_FEATURIZERS:
            import_module(OPTIONAL_FEATURIZERS[name])  # registers it (heavy imports only when asked for)
        try:
            function = FEATURIZERS[name]
        except KeyError:
            known = sorted(set(FEATURIZERS) | set(OPTIONAL_FEATURIZERS))
            raise KeyError(f"unknown pair featurizer '{name}' (known: {', '.join(known)})") from None
        features.update(function(context, pair))
    return features


@lru_cache(maxsize=131072)
def stem(norm: str) -> str:
    """The shortest matching key of a word: proclitics, article and
    attached pronouns stripped (وبحث → بحث)."""
    return match_keys(norm)[-1]


def _distance_bin(words: int) -> str:
    return str(words) if words <= MAX_DISTANCE_BIN else f"far{min(words // 5, 4)}"


@featurizer("types")
def type_features(context: SentencePairs, pair: PairCandidate) -> Features:
    first, second = pair.first, pair.second
    return {
        f"type1={first.type}": 1.0, f"type2={second.type}": 1.0, f"types={first.type}_{second.type}": 1.0,
        f"via1={first.via}": 1.0, f"via2={second.via}": 1.0,
    }


@featurizer("between")
def between_features(context: SentencePairs, pair: PairCandidate) -> Features:
    first, second = pair.first, pair.second
    span = context.tokens[first.last_token:second.first_token]
    words = [t for t in span if t.is_word]
    features: Features = {f"distance={_distance_bin(len(words))}": 1.0}
    if not words:
        features["adjacent"] = 1.0
        if context.tokens[second.first_token].norm.startswith(CONJUNCTION):
            features["coordinated"] = 1.0
    for token in words:
        features[f"word={token.norm}"] = 1.0
        features[f"stem={stem(token.norm)}"] = 1.0
    if words:
        features[f"first_stem={stem(words[0].norm)}"] = 1.0
        features[f"last_stem={stem(words[-1].norm)}"] = 1.0
        if len(words) == 1:
            features[f"only={words[0].norm}"] = 1.0
            if words[0].norm == CONJUNCTION:
                features["coordinated"] = 1.0
    for token in span:
        if not token.is_word:
            features[f"punct={token.text}"] = 1.0
    inside = sum(1 for m in context.mentions if m.first_token >= first.last_token and m.last_token <= second.first_token)
    features[f"mentions_between={min(inside, 3)}"] = 1.0
    return features


@featurizer("window")
def window_features(context: SentencePairs, pair: PairCandidate) -> Features:
    before = context.words(0, pair.first.first_token)[-WINDOW:]
    after = context.words(pair.second.last_token, len(context.tokens))[:WINDOW]
    features: Features = {}
    for n, token in enumerate(reversed(before)):
        features[f"before{n}={stem(token.norm)}"] = 1.0
    for n, token in enumerate(after):
        features[f"after{n}={stem(token.norm)}"] = 1.0
    if not before:
        features["first_opens_sentence"] = 1.0
    return features


@featurizer("triggers")
def trigger_features(context: SentencePairs, pair: PairCandidate) -> Features:
    first, second = pair.first, pair.second
    between = context.words(first.last_token, second.first_token)
    before = context.words(0, first.first_token)[-WINDOW:]
    after = context.words(second.last_token, len(context.tokens))[:WINDOW]
    features: Features = {}
    second_clitic = next((c for c in ("ب", "ل") if context.tokens[second.first_token].norm.startswith(c)), "")
    for k, token in enumerate(between):
        place = "first" if k == 0 else ("last" if k == len(between) - 1 else "mid")
        following = between[k + 1:]
        gap = min(len(following), 2)  # words between the trigger and the second mention
        for relation, pos in context.triggers(token):
            features[f"between={relation}"] = 1.0
            features[f"between={relation}_{pos}"] = 1.0
            features[f"between_at={relation}_{place}"] = 1.0
            # a verbal noun right before the second side, written with ل or not,
            # names that side as its doer (هجمات لحزب …، غارات التحالف)
            features[f"between_gap={relation}_{pos}_{gap}_{second_clitic}"] = 1.0
            if following and context.lexicon.is_marker("preposition", following[-1].norm):
                features[f"between_prep={relation}_{following[-1].norm}"] = 1.0
    for n, token in enumerate(reversed(before)):
        for relation, pos in context.triggers(token):
            features[f"before={relation}"] = 1.0
            features[f"before{n}={relation}_{pos}"] = 1.0
    for n, token in enumerate(after):
        for relation, pos in context.triggers(token):
            features[f"after={relation}"] = 1.0
            features[f"after{n}={relation}_{pos}"] = 1.0
    if not features:
        features["no_trigger"] = 1.0
    return features


@featurizer("prepositions")
def preposition_features(context: SentencePairs, pair: PairCandidate) -> Features:
    features: Features = {}
    for side, mention in (("1", pair.first), ("2", pair.second)):
        head = context.tokens[mention.first_token].norm
        for clitic in CLITICS:
            if head.startswith(clitic) and len(head) > len(clitic) + 1:
                features[f"clitic{side}={clitic}"] = 1.0
        previous = context.words(0, mention.first_token)[-1:]
        if previous and context.lexicon.is_marker("preposition", previous[0].norm):
            features[f"prep{side}={previous[0].norm}"] = 1.0
    return features


@featurizer("markers")
def marker_features(context: SentencePairs, pair: PairCandidate) -> Features:
    features: Features = {}
    for token in context.words(pair.first.last_token, pair.second.first_token):
        for kind in context.markers(token):
            features[f"between_marker={kind}"] = 1.0
    for token in context.words(0, pair.first.first_token)[-WINDOW:]:
        for kind in context.markers(token):
            features[f"before_marker={kind}"] = 1.0
    return features
