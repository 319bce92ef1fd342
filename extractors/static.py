"""Static relations the wording states.

* official_of / member_of: a title tied to an owner, on the gazetteer's own
  title mentions (وزير الخارجية التركي مولود جاويش أوغلو, الرئيس التركي,
  نظيره التركي) and on any person a title phrase stands before or after
  (`extractors.titles`: وزير الخزانة الأمريكي جاك ليو، برناردينو ليون، الممثل
  الخاص للأمين العام للأمم المتحدة) → (person, official_of, owner), with the
  role; a legislator's title before a name (النائب إد رويس) → (person,
  member_of, the one chamber of that kind the article names);
* part_of: an organisation whose own name carries its state (وزارة الخارجية
  الروسية، الشرطة الإسرائيلية، a ministry the NER found followed by its
  state's adjective) → (organisation, part_of, state);
* located_in: a place the words put inside another (`extractors.places`:
  إدلب السورية، محافظة الرقة في سوريا، مدينة كراتشي جنوب باكستان، إقليم
  كردستان العراق) → (place, located_in, place or state).

Only what the text says is emitted: a gazetteer link alone (الكرملين is part
of Russia, the Anbar governorate lies in Iraq) does not make a triple unless
the words show it.
"""

from __future__ import annotations

from kg.extractors.gazetteer import GazetteerExtractor
from kg.extractors.phrases import load_column, load_mapping
from kg.extractors.places import PlaceFinder
from kg.extractors.titles import TitleBinder
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.lexicon import Lexicon, load_lexicon
from kg.model import MODEL_VIA, Article, Mention, RelationMention, Span
from kg.naming import is_discovered
from kg.registry import relation_extractors
from kg.text import Sentence, clitic_stems, normalize

NAME = "static"
STATE_BODIES = "state_bodies.tsv"
LEGISLATORS = "legislators.tsv"
LEGISLATOR_VIAS = frozenset({"alias", MODEL_VIA})  # a person named after the title, not a title itself
PART_OF_TYPES = frozenset({"Organization", "ArmedGroup"})


class StaticRelationExtractor:
    name = NAME

    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None) -> None:
        self.gaz = gazetteer or load_gazetteer()
        lexicon = lexicon or load_lexicon()
        matcher = GazetteerExtractor(self.gaz, lexicon)
        self.titles = TitleBinder(self.gaz, lexicon, matcher)
        self.places = PlaceFinder(self.gaz, matcher)
        self.state_bodies = load_column(STATE_BODIES, "head")
        self.legislator_chambers = {key: frozenset(normalize(c) for c in chambers.split("|"))
                                    for key, chambers in load_mapping(LEGISLATORS, "title", "chambers").items()}

    def _relation(self, article: Article, subject: Mention, relation: str, target: str, evidence: Span,
                  confidence: float, role: str = "") -> RelationMention:
        return self._make(article, subject.sentence, subject.entity_id, Span(subject.text, subject.start, subject.end),
                          relation, target, evidence, confidence, role)

    @staticmethod
    def _make(article: Article, sentence: int, subject_id: str, subject: Span, relation: str, target: str,
              evidence: Span, confidence: float, role: str = "") -> RelationMention:
        return RelationMention(
            doc_id=article.doc_id, sentence=sentence, subject_id=subject_id, relation=relation, object_id=target,
            modality="asserted", trigger=evidence, subject=subject, object=evidence, extractor=NAME,
            confidence=confidence, date=None, role=role,
        )

    def _names_country(self, sentence: Sentence, mention: Mention, country: str) -> bool:
        """Does the mention's own wording refer to `country`?"""
        for token in sentence.tokens[mention.first_token:mention.last_token]:
            for key in clitic_stems(token.norm):
                if self.gaz.demonyms.get(key) == country:
                    return True
        country_aliases = {a for a in self.gaz.entity(country).aliases_ar}
        return any(alias in mention.text for alias in country_aliases)

    def __call__(self, article: Article, sentences: list[Sentence], mentions: list[Mention]) -> list[RelationMention]:
        out: list[RelationMention] = []
        by_sentence: dict[int, list[Mention]] = {}
        for mention in sorted(mentions, key=lambda m: (m.sentence, m.first_token)):
            by_sentence.setdefault(mention.sentence, []).append(mention)
        organisations = {m.entity_id for m in mentions if m.type == "Organization"}  # where a chamber is named
        for sentence in sentences:
            found = by_sentence.get(sentence.index, [])
            if found:
                out.extend(self._official_of(article, sentence, found))
                out.extend(self._legislators(article, sentence, found, organisations))
                out.extend(self._part_of(article, sentence, found))
                out.extend(self._located_in(article, sentence, found))
        return out

    # ---- official_of / member_of -------------------------------------------
    def _official_of(self, article: Article, sentence: Sentence, mentions: list[Mention]) -> list[RelationMention]:
        out: list[RelationMention] = []
        bindings = self.titles.bindings(sentence, mentions, article.date)
        # a holder the gazetteer read from a title (وزير الخارجية القطري) is
        # not the one meant when the text names someone right after it
        displaced = {id(b.phrase.holder) for b in bindings if b.phrase.holder is not None}
        for mention in mentions:
            country = mention.role_country
            if not country and mention.via == "title+name":
                # نائب رئيس الجمهورية إياد علاوي: the title names no state; the office records do
                country = self.gaz.office_of(mention.entity_id, mention.role, article.date) or ""
            if country and mention.type == "Person" and id(mention) not in displaced:
                if mention.via == "title+name" and self.titles.after_kin(sentence.tokens, mention.first_token):
                    continue  # نجل الرئيس اليمني …: the name is the president's son
                whole = Span(mention.text, mention.start, mention.end)
                out.append(self._relation(article, mention, "official_of", country, whole, 0.9, mention.role))
        for binding in bindings:
            if binding.owner == binding.person.entity_id:
                continue
            evidence = Span(article.text[binding.start:binding.end], binding.start, binding.end)
            confidence = 0.85 if binding.owner and not is_discovered(binding.person.entity_id) else 0.8
            out.append(self._relation(article, binding.person, binding.relation, binding.owner, evidence,
                                      confidence, binding.phrase.role))
        return out

    def _legislators(self, article: Article, sentence: Sentence, mentions: list[Mention],
                     organisations: set[str]) -> list[RelationMention]:
        """النائب إد رويس: a legislator's title right before a name makes the
        person a member of the one chamber of that kind the article names
        (legislators.tsv); the gazetteer has already resolved a bare
        «مجلس النواب» to the article's state."""
        out: list[RelationMention] = []
        for mention in mentions:
            if mention.type != "Person" or mention.via not in LEGISLATOR_VIAS or mention.first_token == 0:
                continue
            title = sentence.tokens[mention.first_token - 1]
            names = next((self.legislator_chambers[key] for key in clitic_stems(title.norm)
                          if key in self.legislator_chambers), None)
            if names is None:
                continue
            owners = {org for org in organisations
                      if not names.isdisjoint(normalize(a) for a in self.gaz.entity(org).aliases_ar)}
            if len(owners) == 1:
                evidence = Span(article.text[title.start:mention.end], title.start, mention.end)
                out.append(self._relation(article, mention, "member_of", owners.pop(), evidence, 0.75, "legislator"))
        return out

    # ---- part_of ---------------------------------------------------------------
    def _part_of(self, article: Article, sentence: Sentence, mentions: list[Mention]) -> list[RelationMention]:
        """A body whose name carries its state: the gazetteer's (its link
        confirmed by the words), or a state body the NER found (its head noun
        in state_bodies.tsv) whose last word, or the adjective right after
        it, is a state's (وزارة الأوقاف اليمنية)."""
        out: list[RelationMention] = []
        for n, mention in enumerate(mentions):
            entity = self.gaz.entity(mention.entity_id)
            if entity.type not in PART_OF_TYPES:
                continue
            whole = Span(mention.text, mention.start, mention.end)
            parent = entity.link("part_of")
            if not parent and entity.link("army_of") and self.state_bodies.match(sentence.tokens, mention.first_token):
                parent = entity.link("army_of")  # الشرطة الإسرائيلية: a police force is a body of its state
            if parent and parent in self.gaz.entities and self._names_country(sentence, mention, parent):
                out.append(self._relation(article, mention, "part_of", parent, whole, 0.9))
                continue
            if not is_discovered(entity.id) or entity.type != "Organization" \
                    or self.state_bodies.match(sentence.tokens, mention.first_token) is None:
                continue
            state = self.places.state_at_end(sentence, mention)
            if state:
                out.append(self._relation(article, mention, "part_of", state, whole, 0.8))
                continue
            following = mentions[n + 1] if n + 1 < len(mentions) else None
            if following is not None and following.first_token == mention.last_token and following.via == "demonym":
                evidence = Span(article.text[mention.start:following.end], mention.start, following.end)
                out.append(self._relation(article, mention, "part_of", following.entity_id, evidence, 0.8))
        return out

    # ---- located_in ------------------------------------------------------------
    def _located_in(self, article: Article, sentence: Sentence, mentions: list[Mention]) -> list[RelationMention]:
        out: list[RelationMention] = []
        for found in self.places.located_in(sentence, mentions):
            evidence = Span(article.text[found.start:found.end], found.start, found.end)
            out.append(self._make(article, sentence.index, found.subject_id, found.subject, "located_in",
                                  found.container, evidence, found.confidence))
        return out


@relation_extractors.register(NAME)
def make_static_extractor() -> StaticRelationExtractor:
    return StaticRelationExtractor()
