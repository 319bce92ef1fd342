"""Event relations from the trigger lexicon, with rule-based argument
attachment.

For each trigger word (a verb or verbal noun of `ontology/triggers.tsv`):

* subject: the actor just before the trigger in the same clause (SVO), else
  the actor right after a verb (VSO); for a verbal noun, the genitive actor
  right after it (هجمات المتشددين، بدعم تركي), else the actor before it,
  else the speaker of the sentence's reporting verb (أعلنت الخارجية التركية
  أن المباحثات مع …), lifted to its state;
* object: the actor after the row's preposition (مع، على، ب …) or the direct
  object; بين X و Y gives both sides; an agent marker (بنيران، على يد) turns
  the clause round (قتل 8 جنود بنيران قوات … : the forces are the killers);
* coordination (تركيا وإيران) gives one relation per conjunct;
* modality from cue words around the trigger, dates from the sentence's
  date expressions resolved against the article's date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from kg.dates import DateMention, find_date_mentions
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.lexicon import Lexicon, Trigger, load_lexicon, match_keys, match_keys_with_prefix
from kg.model import Article, Mention, Quantity, RelationMention, Span
from kg.ontology_data import ontology_dir, read_tsv
from kg.registry import relation_extractors
from kg.relations import RelationCatalog, load_relations
from kg.text import Sentence, Token, normalize

NAME = "rules"
SENTENCE_PUNCT = frozenset(".!?؟؛:;")
COMMA = frozenset("،,")
CONJUNCTION = "و"
MAX_VSO_GAP = 2
MAX_OBJECT_GAP = 7
MAX_DIRECT_GAP = 3
MAX_AFTER_PREP = 3
REQUIRES_WINDOW = 3
ACTOR_TYPES = frozenset({"Country", "Person", "Organization", "ArmedGroup"})
AND_PREPOSITIONS = frozenset(normalize(w) for w in ("ومن", "ومع", "وفي", "وإلى", "وعلى", "وبين"))
PREPOSITIONS = frozenset(normalize(w) for w in ("من", "في", "إلى", "على", "عن", "حول", "ضد", "لدى", "نحو", "مع", "بين"))


@lru_cache(maxsize=None)
def load_numbers() -> dict[str, int]:
    return {normalize(row["word"]): int(row["value"]) for row in read_tsv(ontology_dir() / "numbers.tsv")}


@dataclass
class _Context:
    """One sentence prepared for attachment."""

    article: Article
    sentence: Sentence
    mentions: list[Mention]
    at: dict[int, Mention]  # token index → mention covering it
    dates: list[DateMention]

    @property
    def tokens(self) -> tuple[Token, ...]:
        return self.sentence.tokens

    def mention_starting(self, i: int) -> Mention | None:
        mention = self.at.get(i)
        return mention if mention is not None and mention.first_token == i else None


class RuleRelationExtractor:
    """See the module docstring."""

    name = NAME

    def __init__(self, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None,
                 relations: RelationCatalog | None = None) -> None:
        self.lex = lexicon or load_lexicon()
        self.gaz = gazetteer or load_gazetteer()
        self.rels = relations or load_relations()
        self.numbers = load_numbers()
        # words that may stand between a subject and its verb: the modality
        # cues' words (لا، لم، قد، بحاجة، إلى …) and سوف
        self.particles = frozenset(w for cue in self.lex.modality for w in cue.words) | {normalize("سوف")}

    # ---- token classes ------------------------------------------------
    def _hard_boundary(self, token: Token) -> bool:
        return token.text in SENTENCE_PUNCT or (token.is_word and self.lex.is_marker("boundary", token.norm))

    def _is_skip(self, token: Token, ctx: _Context) -> bool:
        if self.lex.is_marker("skip", token.norm):
            return True
        return any(d.start <= token.start < d.end for d in ctx.dates)

    def _is_reporting(self, token: Token) -> bool:
        """A reporting verb: its subject speaks, it does not act in what is reported."""
        return token.is_word and self.lex.is_marker("reporting", token.norm)

    def _is_conjunction(self, token: Token) -> bool:
        return token.norm == CONJUNCTION

    # ---- argument search ----------------------------------------------
    def _coordinated_after(self, ctx: _Context, first: Mention) -> list[Mention]:
        """`first` and the mentions joined to it by و (تركيا وإيران، الإيرانيين
        والأتراك، من روسيا ومن تركيا)."""
        group = [first]
        k = first.last_token
        tokens = ctx.tokens
        while k < len(tokens):
            token = tokens[k]
            nxt = ctx.mention_starting(k)
            if nxt is not None and self._joined_by_and(ctx, nxt):
                pass
            elif (self._is_conjunction(token) or token.norm in AND_PREPOSITIONS) and ctx.mention_starting(k + 1):
                nxt = ctx.mention_starting(k + 1)
            else:
                break
            group.append(nxt)
            k = nxt.last_token
        return group

    def _joined_by_and(self, ctx: _Context, mention: Mention) -> bool:
        """Does the mention carry the conjunction و as a proclitic (وإيران),
        rather than a name that starts with و (وليد)?"""
        first = ctx.tokens[mention.first_token].norm
        if not first.startswith(CONJUNCTION):
            return False
        names = self.gaz.entity(mention.entity_id).aliases_ar
        return not any(normalize(name).startswith(first[:3]) for name in names)

    def _coordinated_before(self, ctx: _Context, last: Mention) -> list[Mention]:
        """`last` and the mentions joined to it from the left (تركيا وروسيا تتفقان)."""
        group = [last]
        current = last
        tokens = ctx.tokens
        while current.first_token > 0:
            starts_with_and = self._joined_by_and(ctx, current)
            k = current.first_token - 1
            if self._is_conjunction(tokens[k]):
                k -= 1
            elif not starts_with_and:
                break
            previous = ctx.at.get(k)
            if previous is None or previous.last_token != k + 1:
                break
            group.insert(0, previous)
            current = previous
        return group

    def _subject_before(self, ctx: _Context, i: int) -> list[Mention]:
        """Actor(s) just before token i in the same clause (SVO).

        Only particles (negation, modality, time words: لا يستبعد، بحاجة
        إلى، اليوم) may stand between the subject and the trigger, and the
        subject must open its phrase: in أكراد سوريا يطالبون, سوريا only
        qualifies أكراد, so it is not the subject."""
        k = i - 1
        tokens = ctx.tokens
        while k >= 0:
            token = tokens[k]
            if self._hard_boundary(token) or token.text in COMMA or (k not in ctx.at and self._is_reporting(token)):
                return []
            mention = ctx.at.get(k)
            if mention is not None:
                if not self._is_actor(mention):
                    return []
                group = self._coordinated_before(ctx, mention)
                return group if self._opens_phrase(ctx, group[0]) else []
            if token.is_word and not (self._is_skip(token, ctx) or self._is_particle(token)):
                return []
            k -= 1
        return []

    def _is_particle(self, token: Token) -> bool:
        return token.norm in self.particles or any(key in self.particles for key in match_keys(token.norm)[:2])

    def _opens_phrase(self, ctx: _Context, mention: Mention) -> bool:
        """Does the mention start a noun phrase (rather than modify the
        noun before it, as سوريا in أكراد سوريا or مصر in وفي مصر)?"""
        if mention.first_token == 0 or self._joined_by_and(ctx, mention):
            return True
        previous = ctx.tokens[mention.first_token - 1]
        if not previous.is_word:
            return True
        if previous.norm in PREPOSITIONS:
            return False
        return (self._hard_boundary(previous) or self._is_skip(previous, ctx) or self._is_particle(previous)
                or self._is_reporting(previous) or self._is_conjunction(previous))

    def _is_actor(self, mention: Mention) -> bool:
        return bool(mention.actor_id) and (mention.type in ACTOR_TYPES or mention.actor_id != mention.entity_id)

    def _subject_after(self, ctx: _Context, i: int) -> list[Mention]:
        """VSO: the actor right after the verb (time words may come between)."""
        k = i + 1
        gap = 0
        tokens = ctx.tokens
        while k < len(tokens) and gap <= MAX_VSO_GAP:
            token = tokens[k]
            if self._hard_boundary(token):
                return []
            mention = ctx.mention_starting(k)
            if mention is not None:
                return self._coordinated_after(ctx, mention) if self._is_actor(mention) else []
            following = ctx.mention_starting(k + 1)
            if token.is_word and following is not None and following.via == "demonym" and self._is_actor(following):
                # a head noun and its state's adjective: الطائرات الإسرائيلية
                return self._coordinated_after(ctx, following)
            if token.is_word and not self._is_skip(token, ctx):
                return []
            k += 1
            if token.is_word:
                gap += 1
        return []

    def _object_fits(self, relation: str, mention: Mention) -> bool:
        """Places fit place slots; otherwise the mention must act (a state
        adjective in الناشط المصري is no object of التقى)."""
        types = self.rels.relations[relation].object_types
        if mention.type == "Place" and "Place" in types:
            return True
        return self._is_actor(mention) and bool(types & (ACTOR_TYPES | {"Country"}))

    def _clause_actor(self, ctx: _Context, i: int) -> list[Mention]:
        """The first actor of the clause that holds token i."""
        k = i - 1
        while k >= 0 and not self._hard_boundary(ctx.tokens[k]):
            k -= 1
        for mention in ctx.mentions:
            if k < mention.first_token < i and self._is_actor(mention):
                return [mention]
        return []

    def _clause_end(self, ctx: _Context, start: int) -> int:
        tokens = ctx.tokens
        k = start
        while k < len(tokens) and not self._hard_boundary(tokens[k]):
            k += 1
        return k

    def _object_after(self, ctx: _Context, start: int, trigger: Trigger, allow_comma: bool) -> tuple[list[Mention], bool]:
        """Object mention(s) after token `start`; the flag says whether they
        were introduced by بين (so the relation holds between them).

        A direct object stands within a few words (حاصرت ثلاث نقاط للجيش
        التركي); a name written with ب is not one unless the trigger takes ب
        (جهود المبعوث الخاص بليبيا is not what is supported)."""
        tokens = ctx.tokens
        end = self._clause_end(ctx, start)
        preps = [p for p in trigger.preps if p != "-"]
        k = start
        words_seen = 0
        while k < end and words_seen <= MAX_OBJECT_GAP:
            token = tokens[k]
            only_punct_before = all(not t.is_word for t in tokens[start:k])
            if token.text in COMMA and not (allow_comma and only_punct_before):
                break
            if not token.is_word:
                k += 1
                continue
            mention = ctx.mention_starting(k)
            if mention is not None:
                prefixed = self._attached_prep(token, preps, mention)
                direct = (trigger.direct_object and words_seen <= MAX_DIRECT_GAP and not self._preceded_by_prep(ctx, k)
                          and not self._attached_prep(token, ["ب"], mention))
                if prefixed or direct:
                    if self._is_agent_marked(ctx, k):
                        k = mention.last_token
                        continue
                    return self._coordinated_after(ctx, mention), False
                k = mention.last_token
                words_seen += 1
                continue
            if token.norm in preps or self._prep_on_actor_noun(token, preps):
                objects = self._after_preposition(ctx, k + 1, end)
                if objects:
                    return objects, token.norm == "بين"
            words_seen += 1
            k += 1
        return [], False

    def _prep_on_actor_noun(self, token: Token, preps: list[str]) -> bool:
        """A one-letter preposition on a noun that stands for its actor
        (الحليف الأبرز لنظام "بشار الأسد"), not on any noun (لمحاربة داعش)."""
        for prep in preps:
            if len(prep) == 1 and token.norm.startswith(prep) and len(token.norm) > 3:
                if self.lex.is_marker("actor_head", token.norm):
                    return True
        return False

    def _attached_prep(self, token: Token, preps: list[str], mention: Mention) -> bool:
        """A one-letter preposition written onto the object (بالعمل، للجيش)."""
        for prep in preps:
            if len(prep) == 1 and token.norm.startswith(prep):
                entity_first = normalize(self.gaz.entity(mention.entity_id).label_ar)[:1] if mention.via == "alias" else ""
                if entity_first != prep or token.norm.startswith(prep + prep):
                    return True
        return False

    def _preceded_by_prep(self, ctx: _Context, k: int) -> bool:
        """Is the mention at k the object of a standalone preposition (من، في …)?"""
        if k == 0:
            return False
        previous = ctx.tokens[k - 1]
        return previous.is_word and previous.norm in PREPOSITIONS

    def _is_agent_marked(self, ctx: _Context, k: int) -> bool:
        token = ctx.tokens[k]
        if self.lex.is_marker("agent", token.norm):
            return True
        return k > 0 and self.lex.is_marker("agent", ctx.tokens[k - 1].norm)

    def _after_preposition(self, ctx: _Context, k: int, end: int) -> list[Mention]:
        """The mention(s) a preposition governs, skipping a few head words
        (مع الشركاء الإيرانيين، بين الرئيسين فلاديمير بوتين و …)."""
        words = 0
        while k < end and words <= MAX_AFTER_PREP:
            mention = ctx.mention_starting(k)
            if mention is not None:
                if words and self._joined_by_and(ctx, mention):
                    return []
                if words and self._is_conjunction(ctx.tokens[k - 1]):
                    return []
                return self._coordinated_after(ctx, mention)
            token = ctx.tokens[k]
            if token.text in COMMA or self._hard_boundary(token) or token.norm in PREPOSITIONS:
                return []
            if token.is_word:
                words += 1
            k += 1
        return []

    def _agent_after(self, ctx: _Context, i: int) -> tuple[list[Mention], int] | None:
        """Doer introduced by an agent marker after the trigger, and where the marker is."""
        tokens = ctx.tokens
        end = self._clause_end(ctx, i + 1)
        for k in range(i + 1, end):
            token = tokens[k]
            single = token.is_word and self.lex.is_marker("agent", token.norm)
            phrase_len = 0
            for phrase in self.lex.marker_phrases.get("agent", ()):
                if all(k + n < len(tokens) and tokens[k + n].norm == w for n, w in enumerate(phrase)):
                    phrase_len = len(phrase)
            if single or phrase_len:
                after = [m for m in self._after_preposition(ctx, k + max(phrase_len, 1), end) if self._is_actor(m)]
                if after:
                    return after, k
        return None

    def _speaker(self, ctx: _Context, i: int) -> list[Mention]:
        """The subject of the sentence's reporting verb before token i."""
        tokens = ctx.tokens
        for k in range(i - 1, -1, -1):
            token = tokens[k]
            if k not in ctx.at and self._is_reporting(token):
                after = self._subject_after(ctx, k)
                if after:
                    return after
                before = self._subject_before(ctx, k)
                if before:
                    return before
        return []

    def _lift(self, mention: Mention) -> str:
        """A ministry speaking for its state: the state (part_of a Country)."""
        entity = self.gaz.entity(mention.entity_id)
        parent = entity.link("part_of")
        if parent and parent in self.gaz.entities and self.gaz.entity(parent).type == "Country":
            return parent
        return mention.actor_id or mention.entity_id

    # ---- attributes -----------------------------------------------------
    def _is_question(self, ctx: _Context) -> bool:
        """A question (هل …؟) asks whether something may happen; it asserts nothing."""
        tokens = ctx.tokens
        if tokens and tokens[-1].text in "؟?":
            return True
        first = next((t for t in tokens if t.is_word), None)
        return first is not None and self.lex.is_marker("question", first.norm)

    def _modality(self, ctx: _Context, i: int) -> str:
        tokens = ctx.tokens
        words = [t for t in tokens if t.is_word]
        position = next((n for n, t in enumerate(words) if t.index == tokens[i].index), None)
        if position is None:
            return "asserted"
        if self._is_question(ctx):
            return "possible"
        for cue in self.lex.modality:
            size = len(cue.words)
            if cue.position == "before":
                starts = range(max(0, position - cue.window - size + 1), position - size + 1)
            else:
                starts = range(position + 1, min(len(words) - size + 1, position + cue.window + 1))
            for s in starts:
                seq = words[s:s + size]
                if len(seq) == size and all(
                    self._cue_word(w, c, first=(n == 0)) for n, (w, c) in enumerate(zip(seq, cue.words, strict=True))
                ):
                    return cue.modality
        if self._is_future(tokens[i]):
            return "planned"
        return "asserted"

    def _cue_word(self, word: Token, cue: str, first: bool) -> bool:
        """A cue's first word may carry clitics; a short particle only the
        conjunctions (ولم، فلا), so that كما is not ك + ما."""
        if word.norm == cue:
            return True
        if not first:
            return False
        if len(cue) <= 2:
            return word.norm in {c + cue for c in ("و", "ف")}
        return cue in match_keys(word.norm)

    def _is_future(self, token: Token) -> bool:
        """A verb with the future prefix س (سيلتقي، وستزور) is planned."""
        return any("س" in prefix and any(t.pos == "verb" for t in self.lex.triggers.get(key, ()))
                   for prefix, key in match_keys_with_prefix(token.norm))

    def _dates(self, ctx: _Context, i: int) -> tuple[dt.date | None, dt.date | None]:
        """The day nearest the trigger, and the first deadline after it.
        Week, month and year expressions give no event day."""
        trigger_start = ctx.tokens[i].start
        points = [d for d in ctx.dates if d.kind == "point" and d.precision == "day"]
        deadlines = [d for d in ctx.dates if d.kind == "deadline" and d.start > trigger_start]
        date = min(points, key=lambda d: abs(d.start - trigger_start)).value if points else None
        deadline = min(deadlines, key=lambda d: d.start - trigger_start) if deadlines else None
        return date, (deadline.end_value or deadline.value) if deadline else None

    def _quantities(self, ctx: _Context, i: int) -> tuple[Quantity, ...]:
        tokens = ctx.tokens
        end = self._clause_end(ctx, i + 1)
        found = []
        for k in range(i + 1, min(end, i + 1 + MAX_OBJECT_GAP)):
            token = tokens[k]
            value = int(token.norm) if token.norm.isdigit() else self.numbers.get(token.norm)
            if value is None or k + 1 >= len(tokens) or not tokens[k + 1].is_word:
                continue
            unit_tokens = [tokens[k + 1]]
            if k + 2 < len(tokens) and tokens[k + 2].is_word and ctx.at.get(k + 2) is None and not self._hard_boundary(tokens[k + 2]) \
                    and not tokens[k + 2].norm.startswith(("ب", "ل", "ف", "و")) and tokens[k + 2].norm not in {"في", "من", "على"}:
                unit_tokens.append(tokens[k + 2])
            unit = ctx.article.text[unit_tokens[0].start:unit_tokens[-1].end]
            found.append(Quantity(value, unit))
        return tuple(found)

    def _place(self, ctx: _Context, i: int) -> tuple[str, str]:
        """(place id, topic id) from في/ب X and حول X after the trigger."""
        tokens = ctx.tokens
        end = self._clause_end(ctx, i + 1)
        place = topic = ""
        for k in range(i + 1, end):
            mention = ctx.mention_starting(k)
            if mention is None or mention.type not in {"Place", "Country"}:
                continue
            previous = tokens[k - 1].norm if k > 0 else ""
            if previous == "حول" and not topic:
                topic = mention.entity_id
            elif (previous == "في" or tokens[k].norm.startswith("ب")) and not place and mention.type == "Place":
                place = mention.entity_id
        return place, topic

    # ---- main -------------------------------------------------------------
    def __call__(self, article: Article, sentences: list[Sentence], mentions: list[Mention]) -> list[RelationMention]:
        by_sentence: dict[int, list[Mention]] = {}
        for mention in mentions:
            by_sentence.setdefault(mention.sentence, []).append(mention)
        found: list[RelationMention] = []
        for sentence in sentences:
            sentence_mentions = sorted(by_sentence.get(sentence.index, []), key=lambda m: m.first_token)
            at = {k: m for m in sentence_mentions for k in range(m.first_token, m.last_token)}
            dates = find_date_mentions(sentence.text, article.date, offset=sentence.start)
            ctx = _Context(article, sentence, sentence_mentions, at, dates)
            found.extend(self._sentence_relations(ctx))
        return found

    def _sentence_relations(self, ctx: _Context) -> list[RelationMention]:
        out: list[RelationMention] = []
        for i, token in enumerate(ctx.tokens):
            if not token.is_word or i in ctx.at:
                continue
            rows = self.lex.lookup(token.norm)
            for trigger in sorted(rows, key=lambda r: r.pos != "verb"):
                if trigger.relation not in self.rels.relations:
                    continue
                if trigger.requires and not self._has_required(ctx, i, trigger):
                    continue
                relations = self._attach(ctx, i, trigger)
                if relations:
                    out.extend(relations)
                    break
        return out

    def _has_required(self, ctx: _Context, i: int, trigger: Trigger) -> bool:
        following = [t for t in ctx.tokens[i + 1:] if t.is_word][:REQUIRES_WINDOW]
        return any(key in trigger.requires for t in following for key in match_keys(t.norm))

    def _attach(self, ctx: _Context, i: int, trigger: Trigger) -> list[RelationMention]:
        definition = self.rels.relations[trigger.relation]
        subjects: list[Mention] = []
        objects: list[Mention] = []
        between = False
        lifted = False
        genitive_agent = False
        confidence = trigger.confidence
        agent = self._agent_after(ctx, i)
        if trigger.pos == "verb":
            subjects = self._subject_before(ctx, i)
            after_subject = i + 1
            if not subjects:
                subjects = self._subject_after(ctx, i)
                if subjects:
                    after_subject = subjects[-1].last_token
            objects, between = self._object_after(ctx, after_subject, trigger, allow_comma=True)
        elif trigger.pos == "apposition":
            before = ctx.at.get(i - 1)
            subjects = self._coordinated_before(ctx, before) if before is not None and self._is_actor(before) else []
            objects, between = self._object_after(ctx, i + 1, trigger, allow_comma=False)
        else:
            genitive = ctx.mention_starting(i + 1)
            if genitive is not None and (self._is_actor(genitive) or genitive.via == "demonym"):
                subjects = self._coordinated_after(ctx, genitive)
                genitive_agent = genitive.via == "demonym"
                objects, between = self._object_after(ctx, subjects[-1].last_token, trigger, allow_comma=False)
                if not objects and len(subjects) == 1:
                    nxt = ctx.mention_starting(genitive.last_token)
                    if nxt is not None and genitive.via == "demonym" and nxt.via == "demonym":
                        objects = [nxt]
            else:
                objects, between = self._object_after(ctx, i + 1, trigger, allow_comma=False)
                if not between:
                    subjects = self._subject_before(ctx, i)
                    if subjects and subjects[0].first_token > 0 and self._is_reporting(ctx.tokens[subjects[0].first_token - 1]):
                        # أكدت الخارجية الروسية استمرار التنسيق مع …: the
                        # ministry reports; its state is the party.
                        lifted = True
                    if not subjects and objects:
                        subjects = self._speaker(ctx, i)
                        lifted = True
                        confidence *= 0.8
        if genitive_agent and not objects and ctx.tokens[i].norm.startswith("ب"):
            # المعارضة تبدأ عملية … بدعم تركي: "with X's support" (X an
            # adjective of a state, so the doer, not the one supported)
            # supports the clause's own actor.
            objects = self._clause_actor(ctx, i)
        if agent is not None:
            doers, marker = agent
            patients = [m for m in ctx.mentions if i < m.first_token < marker and self._is_actor(m)]
            if patients:
                objects = self._coordinated_after(ctx, patients[0])
            elif subjects:
                objects = subjects
            subjects = doers
            between = False
        objects = [o for o in objects if self._object_fits(trigger.relation, o)]
        pairs: list[tuple[Mention, Mention]] = []
        if between and definition.symmetric:
            # لقاء بين X و Y: the two sides are the arguments, whatever stands before
            pairs = [(objects[0], o) for o in objects[1:]]
        elif subjects and objects:
            pairs = [(s, o) for s in subjects for o in objects]
        elif len(subjects) >= 2 and definition.symmetric and not objects:
            pairs = [(subjects[0], s) for s in subjects[1:]]
        results = []
        modality = self._modality(ctx, i)
        date, deadline = self._dates(ctx, i)
        quantities = self._quantities(ctx, i)
        place, topic = self._place(ctx, i)
        trigger_token = ctx.tokens[i]
        for subject, obj in pairs:
            subject_id = self._lift(subject) if lifted else (subject.actor_id or subject.entity_id)
            object_id = obj.entity_id if "Place" in definition.object_types and obj.type == "Place" else (obj.actor_id or obj.entity_id)
            if subject_id == object_id:
                continue
            if not self.rels.accepts(trigger.relation, self.gaz.entity(subject_id).type, self.gaz.entity(object_id).type):
                continue
            results.append(
                RelationMention(
                    doc_id=ctx.article.doc_id, sentence=ctx.sentence.index, subject_id=subject_id,
                    relation=trigger.relation, object_id=object_id, modality=modality,
                    trigger=Span(trigger_token.text, trigger_token.start, trigger_token.end),
                    subject=Span(subject.text, subject.start, subject.end),
                    object=Span(obj.text, obj.start, obj.end),
                    extractor=NAME, confidence=round(confidence * min(subject.confidence, obj.confidence), 3),
                    date=date, deadline=deadline, place_id=place if place != object_id else "",
                    topic_id=topic, quantities=quantities,
                )
            )
        return results


@relation_extractors.register(NAME)
def make_rule_extractor() -> RuleRelationExtractor:
    return RuleRelationExtractor()
