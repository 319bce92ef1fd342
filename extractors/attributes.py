"""What an event carries besides its arguments: modality, dates,
deadline, quantities, place and topic, read from the words around its
trigger. The cue words are data (`ontology/modality.tsv`, `numbers.tsv`,
`markers.tsv`)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from kg.extractors.sentence_view import COMMA, SENTENCE_PUNCT, SentenceView
from kg.lexicon import Lexicon, match_keys, match_keys_with_prefix
from kg.model import Quantity
from kg.ontology_data import ontology_dir, read_tsv
from kg.text import Token, normalize

QUANTITY_WINDOW = 7


@lru_cache(maxsize=None)
def load_numbers() -> dict[str, int]:
    return {normalize(row["word"]): int(row["value"]) for row in read_tsv(ontology_dir() / "numbers.tsv")}


def number_value(token: Token) -> int | None:
    """The number a token writes, in digits (12) or as a word of numbers.tsv (ثلاث)."""
    return int(token.norm) if token.norm.isdigit() else load_numbers().get(token.norm)


class EventAttributes:
    """Reads the attributes of the event whose trigger is token i."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon

    def is_question(self, view: SentenceView) -> bool:
        """A question (هل …؟) asks whether something may happen; it asserts nothing."""
        tokens = view.tokens
        if tokens and tokens[-1].text in "؟?":
            return True
        first = next((t for t in tokens if t.is_word), None)
        return first is not None and self.lex.is_marker("question", first.norm)

    def modality(self, view: SentenceView, i: int) -> str:
        """Modality of the event at token i: the first cue of modality.tsv
        found around it, a question, or the future prefix; else asserted."""
        tokens = view.tokens
        words = [t for t in tokens if t.is_word]
        position = next((n for n, t in enumerate(words) if t.index == tokens[i].index), None)
        if position is None:
            return "asserted"
        if self.is_question(view):
            return "possible"
        # a cue before or after the trigger is read within its stretch between
        # commas (لن تتراجع، محذرا روسيا: the warning is not negated)
        floor, ceiling = self._comma_stretch(tokens, words, i)
        for cue in self.lex.modality:
            size = len(cue.words)
            if cue.position == "clause":
                if self._governs_clause(view, words, i, cue.words, cue.window):
                    return cue.modality
                continue
            if cue.position in ("before", "before_imperfect"):
                starts = range(max(floor, position - cue.window - size + 1), position - size + 1)
            else:
                starts = range(position + 1, min(ceiling - size + 1, position + cue.window + 1))
            for s in starts:
                seq = words[s:s + size]
                if len(seq) == size and all(
                    self._cue_word(w, c, first=(n == 0)) for n, (w, c) in enumerate(zip(seq, cue.words, strict=True))
                ):
                    if cue.position == "before_imperfect" and s + size < len(words) \
                            and self.lex.is_past_verb(words[s + size].norm):
                        continue  # كانت قد أطلقت: قد before a past verb says it has happened
                    return cue.modality
        if self._is_future(tokens[i]) or any(self._is_future_support(w) for w in words[max(0, position - 3):position]):
            return "planned"
        return "asserted"

    @staticmethod
    def _comma_stretch(tokens: tuple[Token, ...], words: list[Token], i: int) -> tuple[int, int]:
        """Word positions [floor, ceiling) of the stretch between the commas
        around token i."""
        before = next((k for k in range(i - 1, -1, -1) if tokens[k].text in COMMA), -1)
        after = next((k for k in range(i + 1, len(tokens)) if tokens[k].text in COMMA), len(tokens))
        floor = sum(1 for t in tokens[:before + 1] if t.is_word)
        ceiling = sum(1 for t in tokens[:after] if t.is_word)
        return floor, ceiling

    def _governs_clause(self, view: SentenceView, words: list[Token], i: int, cue: tuple[str, ...], window: int) -> bool:
        """Is the trigger at token i inside a clause opened by أن/إن whose
        governing words are the cue, at most `window` words before the
        complementizer (نفى المتحدث باسم الجيش أن تكون القوات قصفت …؛ من
        المقرر أن يلتقي …)?"""
        tokens = view.tokens
        k = i - 1
        while k >= 0 and not (tokens[k].is_word and self.lex.is_marker("complementizer", tokens[k].norm)):
            if tokens[k].text in SENTENCE_PUNCT or view.hard_boundary(tokens[k]):
                return False
            k -= 1
        if k < 0:
            return False
        at = next(n for n, t in enumerate(words) if t.index == tokens[k].index)
        size = len(cue)
        for start in range(max(0, at - window - size), at - size + 1):
            seq = words[start:start + size]
            if all(self._cue_word(w, c, first=(n == 0)) for n, (w, c) in enumerate(zip(seq, cue, strict=True))):
                return True
        return False

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

    def _is_future_support(self, token: Token) -> bool:
        """A light verb with the future prefix: سيعقد اجتماعات، ستجري محادثات."""
        return token.norm.startswith(("س", "وس", "فس")) and self.lex.is_marker("support", token.norm)

    def _is_future(self, token: Token) -> bool:
        """A verb with the future prefix س (سيلتقي، وستزور) is planned."""
        return any("س" in prefix and any(t.pos == "verb" for t in self.lex.triggers.get(key, ()))
                   for prefix, key in match_keys_with_prefix(token.norm))

    def dates(self, view: SentenceView, i: int) -> tuple[dt.date | None, dt.date | None]:
        """The day nearest the trigger, and the first deadline after it.
        Week, month and year expressions give no event day."""
        trigger_start = view.tokens[i].start
        points = [d for d in view.dates if d.kind == "point" and d.precision == "day"]
        deadlines = [d for d in view.dates if d.kind == "deadline" and d.start > trigger_start]
        date = min(points, key=lambda d: abs(d.start - trigger_start)).value if points else None
        deadline = min(deadlines, key=lambda d: d.start - trigger_start) if deadlines else None
        return date, (deadline.end_value or deadline.value) if deadline else None

    def quantities(self, view: SentenceView, i: int) -> tuple[Quantity, ...]:
        """Counted things after the trigger in its clause (12 نقطة مراقبة،
        ثلاث نقاط): a number, its noun, and one more word when that word
        qualifies the noun (نقطة مراقبة) rather than opening a phrase."""
        tokens = view.tokens
        end = min(view.clause_end(i + 1), i + 1 + QUANTITY_WINDOW)
        found = []
        for k in range(i + 1, end):
            value = number_value(tokens[k])
            if value is None or k + 1 >= len(tokens) or not tokens[k + 1].is_word:
                continue
            last = k + 1
            if k + 2 < end and self._qualifies(view, k + 2):
                last = k + 2
            found.append(Quantity(value, view.article.text[tokens[k + 1].start:tokens[last].end]))
        return tuple(found)

    def _qualifies(self, view: SentenceView, k: int) -> bool:
        """Can word k belong to the counted noun before it (no name, no
        preposition or conjunction in front of it, no boundary)?"""
        token = view.tokens[k]
        return (token.is_word and view.at.get(k) is None and not view.hard_boundary(token)
                and not self.lex.is_marker("preposition", token.norm) and not token.norm.startswith(("ب", "ل", "ف", "و")))

    def place(self, view: SentenceView, i: int) -> tuple[str, str]:
        """(place id, topic id) of the event: a place after في (or written
        with ب) and a topic after حول/بشأن in the trigger's clause."""
        tokens = view.tokens
        place = topic = ""
        for k in range(i + 1, view.clause_end(i + 1)):
            mention = view.mention_starting(k)
            if mention is None or mention.type not in {"Place", "Country"} or k == 0:
                continue
            previous = tokens[k - 1]
            if self.lex.is_marker("topic", previous.norm) and not topic:
                topic = mention.entity_id
            elif mention.type == "Place" and not place and (
                    self.lex.is_marker("place", previous.norm) or tokens[k].norm.startswith("ب")):
                place = mention.entity_id
        return place, topic
