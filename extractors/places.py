"""Where a place lies, as the words say it: located_in.

Arabic news places a town by its wording, not by a link an analyst looks
up: a state's adjective (مدينة تعز اليمنية), a preposition (محافظة الرقة في
سوريا، بلدة المسيمير في لحج), a compass word (مدينة كراتشي جنوب باكستان،
الضالع جنوبي اليمن), a seat word (مايدوغوري عاصمة ولاية بورنو), a «belonging
to» phrase (قرية … التابعة لناحية بعشيقة), or a country in construct with the
place's own name (إقليم كردستان العراق). The words are in
`ontology/place_words.tsv`.

A place-classifier noun (مدينة، محافظة، قرية …) says the name after it is a
place: a name the NER tagged as a person or an organisation there is read as
a place, and a single unknown word the NER missed (مدينة تعز) becomes one
too, under the identifier `kg.naming` derives from it.

«X في Y» is weaker than the rest, since في also says where something
happened (اجتمع رئيس بلدية حلب في إسطنبول): it needs X introduced by a
classifier, or Y a state or introduced by one; and no pattern fires when the
gazetteer's background links put the two places in different states.
Background links are only that guard, never the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extractors.gazetteer import GazetteerExtractor
from kg.extractors.phrases import PhraseList, load_column
from kg.gazetteer import Gazetteer
from kg.model import MODEL_VIA, Mention, Span
from kg.naming import discovered_id, is_discovered
from kg.text import ARTICLE, Sentence, Token, carries_article, clitic_stems

PLACE_WORDS = "place_words.tsv"
CONTAINER_TYPES = frozenset({"Place", "Country"})
RETYPED = frozenset({"Person", "Organization"})  # a model's label a classifier noun overrides
NOT_NAMES = frozenset({"اخري", "اخر", "اخرى", "كل", "بعض", "عده", "جديده", "جديد", "واحده", "ثانيه", "ذاتها", "نفسها"})


@dataclass(frozen=True)
class PlaceSpan:
    """A place named in a sentence (tokens first..last), with the classifier
    noun before it, if any (lead < first then)."""

    lead: int
    first: int
    last: int  # exclusive
    entity_id: str
    mention: Mention | None  # None for an unknown name after a classifier

    @property
    def classified(self) -> bool:
        return self.lead < self.first


@dataclass(frozen=True)
class LocatedIn:
    subject_id: str
    subject: Span
    container: str
    start: int  # character offsets of the evidence
    end: int
    confidence: float


class PlaceFinder:
    """See the module docstring."""

    def __init__(self, gazetteer: Gazetteer, matcher: GazetteerExtractor | None = None) -> None:
        self.gaz = gazetteer
        self.matcher = matcher or GazetteerExtractor(gazetteer)
        self.classifiers: PhraseList = load_column(PLACE_WORDS, "words", "classifier")
        self.compass: PhraseList = load_column(PLACE_WORDS, "words", "compass")
        self.centre: PhraseList = load_column(PLACE_WORDS, "words", "centre")
        self.region: PhraseList = load_column(PLACE_WORDS, "words", "region")
        self.quarter: PhraseList = load_column(PLACE_WORDS, "words", "quarter")
        self.weak: PhraseList = load_column(PLACE_WORDS, "words", "weak")
        self.inside: PhraseList = load_column(PLACE_WORDS, "words", "inside")
        self.seat: PhraseList = load_column(PLACE_WORDS, "words", "seat")

    # ---- what is a place ----------------------------------------------------
    def places(self, tokens: tuple[Token, ...], mentions: list[Mention]) -> list[PlaceSpan]:
        """Place mentions, with the classifier before them, and the unknown
        names that a classifier introduces."""
        mentions = [m for m in mentions if not self.classifier_only(tokens, m)]  # ريف tagged alone
        at = {m.first_token: m for m in mentions}
        covered = {k for m in mentions for k in range(m.first_token, m.last_token)}
        found: dict[int, PlaceSpan] = {}
        for mention in mentions:
            if mention.type == "Place" and mention.via != "reference":
                found[mention.first_token] = PlaceSpan(mention.first_token, mention.first_token, mention.last_token,
                                                       mention.entity_id, mention)
        for k in range(len(tokens)):
            if k in covered:
                continue
            end = self.classifiers.match(tokens, k)
            if end is None or end >= len(tokens):
                continue
            mention = at.get(end)
            if mention is not None:
                if mention.type == "Place":
                    found[end] = PlaceSpan(k, end, mention.last_token, mention.entity_id, mention)
                elif mention.type in RETYPED and mention.via == MODEL_VIA:
                    words = " ".join(t.text for t in tokens[end:mention.last_token] if t.is_word)
                    found[end] = PlaceSpan(k, end, mention.last_token, discovered_id(words, "Place"), mention)
                continue
            if carries_article(tokens[k].norm) and not tokens[k].norm.startswith(ARTICLE + ARTICLE[-1]):
                continue  # المدينة الساحلية: a definite classifier is followed by an adjective
            if self.weak.match(tokens, k) == end:
                continue  # قضاء العطلة: the noun may be a common word; only a found name counts
            name = self._unknown_name(tokens, end, covered)
            if name:
                found[end] = PlaceSpan(k, end, end + 1, discovered_id(tokens[end].text, "Place"), None)
        return sorted(found.values(), key=lambda p: p.first)

    def classifier_only(self, tokens: tuple[Token, ...], mention: Mention) -> bool:
        """A name the NER made of a classifier noun alone (ريف in «في ريف
        حماة»): the noun, not a place."""
        return mention.via == MODEL_VIA and self.classifiers.match(tokens, mention.first_token) == mention.last_token

    def _unknown_name(self, tokens: tuple[Token, ...], k: int, covered: set[int]) -> bool:
        """Is the word after a classifier a name (مدينة تعز، مدينة الضالع),
        not an adjective (منطقة عسكرية، مدينة كبيرة) or a function word?"""
        if k in covered or not tokens[k].is_word or tokens[k].is_number:
            return False
        norm = tokens[k].norm
        if norm in NOT_NAMES or self.matcher.demonym_at(tokens[k]) or self.matcher.title_at(tokens, k):
            return False
        if any(self.matcher.lex.is_marker(kind, norm) for kind in ("preposition", "boundary", "reporting", "skip", "former")):
            return False
        if self.classifiers.match(tokens, k) or self.compass.match(tokens, k) or self.inside.match(tokens, k):
            return False
        # an indefinite adjective agrees with the classifier (ends in ة);
        # a name in construct is definite by itself or a bare proper noun
        return carries_article(norm) or not norm.endswith("ه")

    # ---- located_in -----------------------------------------------------------
    def located_in(self, sentence: Sentence, mentions: list[Mention]) -> list[LocatedIn]:
        tokens = sentence.tokens
        places = self.places(tokens, mentions)
        by_lead = {p.lead: p for p in places} | {p.first: p for p in places}
        at = {m.first_token: m for m in mentions if not self.classifier_only(tokens, m)}
        out: list[LocatedIn] = []
        for place in places:
            if self.gaz.entity(place.entity_id).type != "Place":
                continue
            subject_id = place.entity_id
            end_state = self._state_at_end(tokens, place)
            if end_state:
                subject_id, container, evidence_end, confidence = end_state
                out.append(self._found(tokens, place, subject_id, container, evidence_end, confidence, end_state[0]))
                continue
            before = self._state_before(tokens, place, mentions)
            if before is not None:
                container, lead = before
                out.append(LocatedIn(subject_id, Span(place.mention.text if place.mention else tokens[place.first].text,
                                                      tokens[place.first].start, tokens[place.last - 1].end),
                                     container, tokens[lead].start, tokens[place.last - 1].end, 0.85))
                continue
            hit = self._container_after(tokens, place, by_lead, at)
            if hit is not None:
                container, evidence_end, confidence = hit
                out.append(self._found(tokens, place, subject_id, container, evidence_end, confidence))
        return out

    def _state_before(self, tokens: tuple[Token, ...], place: PlaceSpan,
                      mentions: list[Mention]) -> tuple[str, int] | None:
        """العاصمة العراقية بغداد، المدينة السورية حلب: a classifier or seat
        noun with a state's adjective, then the place's name."""
        adjective = next((m for m in mentions if m.via == "demonym" and m.last_token == place.first), None)
        if adjective is None or adjective.first_token == 0:
            return None
        for lead in range(max(0, adjective.first_token - 2), adjective.first_token):
            for words in (self.classifiers, self.seat):
                if words.match(tokens, lead) == adjective.first_token and carries_article(tokens[lead].norm):
                    if self._agrees(place.entity_id, adjective.entity_id):
                        return adjective.entity_id, lead
        return None

    def _found(self, tokens: tuple[Token, ...], place: PlaceSpan, subject_id: str, container: str,
               evidence_end: int, confidence: float, renamed: str = "") -> LocatedIn:
        first = tokens[place.first]
        last = tokens[place.last - 1]
        text = " ".join(t.text for t in tokens[place.first:place.last])
        if renamed:
            words = [t for t in tokens[place.first:place.last - 1]]
            last = words[-1]
            text = " ".join(t.text for t in words)
        return LocatedIn(subject_id, Span(text, first.start, last.end), container,
                         tokens[place.lead].start, tokens[evidence_end - 1].end, confidence)

    def _state_at_end(self, tokens: tuple[Token, ...], place: PlaceSpan) -> tuple[str, str, int, float] | None:
        """A place whose own words end with a state: إقليم كردستان العراق
        (a gazetteer name), or تعز اليمنية inside a span the NER tagged."""
        if place.last - place.first < 2:
            return None
        mention = place.mention
        last = tokens[place.last - 1]
        country = self.matcher.demonym_at(last)
        if country and mention is not None and mention.via == MODEL_VIA:
            words = " ".join(t.text for t in tokens[place.first:place.last - 1] if t.is_word)
            if words.strip():
                return discovered_id(words, "Place"), country, place.last, 0.8
        if mention is None or is_discovered(place.entity_id) or self.compass.match(tokens, place.first):
            return None  # شمال سوريا: the north of a state is in it by its very name
        for j in range(place.first + 1, place.last):
            match = self.matcher.alias_at(tokens, j, {"Country"})
            if match is not None and match.last == place.last and self._agrees(place.entity_id, match.entity_id):
                return place.entity_id, match.entity_id, place.last, 0.85
        return None

    def _container_after(self, tokens: tuple[Token, ...], place: PlaceSpan, by_lead: dict[int, PlaceSpan],
                         at: dict[int, Mention]) -> tuple[str, int, float] | None:
        """What the words right after a place put it in."""
        k = place.last
        if k >= len(tokens):
            return None
        following = at.get(k)
        if following is not None and following.via == "demonym":
            capital_of = self.gaz.entity(place.entity_id).link("capital_of")
            if capital_of != following.entity_id and self._agrees(place.entity_id, following.entity_id):
                return following.entity_id, following.last_token, 0.85
            return None
        for words, needs_support, confidence in ((self.centre, False, 0.8), (self.compass, False, 0.8),
                                                (self.seat, False, 0.8), (self.inside, True, 0.75)):
            end = words.match(tokens, k, conjunction=False)
            if end is None:
                continue
            container = self._container_at(tokens, end, by_lead, at)
            if container is None and words is self.seat:
                # عاصمة ولاية بورنو: the classifier is the name's first word or only introduces it
                container = self._container_at(tokens, self.classifiers.match(tokens, end) or end, by_lead, at)
            if container is None:
                return None
            container_id, container_end, classified = container
            if needs_support and not (place.classified or classified
                                      or self.gaz.entity(container_id).type == "Country"):
                return None
            if needs_support and self._state_of(place.entity_id) and is_discovered(container_id):
                return None  # a known town «في» a place nobody can check: more likely where it happened
            if words is self.compass and not self._compass_holds(tokens, place, container_id, end, by_lead):
                return None  # تكريت شمال بغداد: north of the city, not in it
            if not self._agrees(place.entity_id, container_id):
                return None
            return container_id, container_end, confidence
        if place.classified and following is not None and self._after_bi(tokens[k], following):
            container = self._container_at(tokens, k, by_lead, at)
            if container is not None and self._agrees(place.entity_id, container[0]):
                return container[0], container[1], 0.7  # منطقة منجوبير بكراتشي
        return None

    def _compass_holds(self, tokens: tuple[Token, ...], place: PlaceSpan, container_id: str, k: int,
                       by_lead: dict[int, PlaceSpan]) -> bool:
        """Does «X <compass> Y» put X inside Y? For a state, an area a region
        classifier introduces (شمال محافظة حلب), or a quarter of a city (حي
        المنصور غرب بغداد); not for a town beside a city (تكريت شمال بغداد)."""
        if self.gaz.entity(container_id).type == "Country":
            return True
        container = by_lead.get(k)
        if container is not None and self.region.match(tokens, container.lead) is not None:
            return True  # محافظة حلب, as a classifier or as the first word of the name
        return place.classified and self.quarter.match(tokens, place.lead) == place.first

    def _container_at(self, tokens: tuple[Token, ...], k: int, by_lead: dict[int, PlaceSpan],
                      at: dict[int, Mention]) -> tuple[str, int, bool] | None:
        """(entity, end, introduced by a classifier) of a place or state at k."""
        place = by_lead.get(k)
        if place is not None:
            return place.entity_id, place.last, place.classified
        mention = at.get(k)
        if mention is not None and mention.type in CONTAINER_TYPES and mention.via != "demonym":
            return mention.entity_id, mention.last_token, False
        return None

    def _after_bi(self, token: Token, mention: Mention) -> bool:
        """Is the mention's first word the preposition ب joined to a name
        that does not itself start with ب (بكراتشي)?"""
        if not token.norm.startswith("ب"):
            return False
        entity = self.gaz.entity(mention.entity_id)
        if mention.type not in CONTAINER_TYPES:
            return False
        stems = clitic_stems(token.norm)
        return len(stems) > 1 and not any(a.startswith("ب") for a in entity.aliases_ar)

    def _state_of(self, entity_id: str) -> str:
        entity = self.gaz.entity(entity_id)
        if entity.type == "Country":
            return entity.id
        return entity.link("located_in") or entity.link("capital_of") or ""

    def _agrees(self, place_id: str, container_id: str) -> bool:
        """No contradiction with the background links: not the same entity,
        not a state inside a place, and not two different states."""
        if place_id == container_id or self.gaz.entity(place_id).type == "Country":
            return False
        inner, outer = self._state_of(place_id), self._state_of(container_id)
        if self.gaz.entity(container_id).type == "Place" and self.gaz.entity(container_id).link("located_in") == place_id:
            return False
        return not inner or not outer or inner == outer

    # ---- part_of helper -------------------------------------------------------
    def state_at_end(self, sentence: Sentence, mention: Mention) -> str:
        """The state (or government) an organisation's own last words name:
        its adjective (… العراقية) or, after في, a state or government
        (… في حكومة إقليم كردستان)."""
        tokens = sentence.tokens
        if mention.last_token - mention.first_token < 2:
            return ""
        country = self.matcher.demonym_at(tokens[mention.last_token - 1])
        if country:
            return country
        for j in range(mention.first_token + 1, mention.last_token):
            if tokens[j - 1].norm != "في":
                continue
            match = self.matcher.alias_at(tokens, j, {"Country", "Organization"})
            if match is not None and match.last == mention.last_token:
                return match.entity_id
        return ""
