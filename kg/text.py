"""Arabic text handling: matching keys, tokens, clitics and sentences.

Normalisation is for *matching only*. Every token keeps its surface text and
its character offsets into the original document, so provenance always
points at what the article really says.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Iterable

from kg.ontology_data import load_clitics

TATWEEL = "\u0640"
ARABIC_INDIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# camel-tools' normalisers, written out here: importing camel_tools.utils builds its
# Unicode character sets from every code point (about 0.5 s of each cold start). Their
# equality with camel-tools over every code point is tested (tests/test_text.py).
_CAMEL_DIACRITICS = frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670")  # AR_DIAC_CHARSET
_CAMEL_UNICODE_FIX = {"\ufdfc": "ريال", "\ufdfd": "بسم الله الرحمن الرحيم"}  # normalize_unicode's CharMapper
_CAMEL_ALEFS = str.maketrans("\u0625\u0623\u0671\u0622", "\u0627\u0627\u0627\u0627")  # normalize_alef_ar


def normalize_unicode(text: str) -> str:
    """camel_tools.utils.normalize.normalize_unicode (NFKC after two ligature fixes)."""
    return unicodedata.normalize("NFKC", "".join(_CAMEL_UNICODE_FIX.get(c, c) for c in text))


def dediac_ar(text: str) -> str:
    """camel_tools.utils.dediac.dediac_ar."""
    return "".join(c for c in text if c not in _CAMEL_DIACRITICS)


def normalize_alef_ar(text: str) -> str:
    return text.translate(_CAMEL_ALEFS)


def normalize_alef_maksura_ar(text: str) -> str:
    return text.replace("\u0649", "\u064a")


def normalize_teh_marbuta_ar(text: str) -> str:
    return text.replace("\u0629", "\u0647")


@lru_cache(maxsize=4096)
def _normalize_char(char: str) -> str:
    """Matching form of one character (may be empty: diacritics, tatweel)."""
    out = normalize_unicode(char)
    out = dediac_ar(out).replace(TATWEEL, "")
    out = normalize_alef_ar(out)
    out = normalize_alef_maksura_ar(out)
    out = normalize_teh_marbuta_ar(out)
    return out.translate(ARABIC_INDIC_DIGITS).lower()


class _FoldTable(dict):
    """`str.translate` table of `_normalize_char`, filled the first time a
    character is met: folding a string is then one C loop instead of a
    Python call per character (the fold is per character, so the result is
    the same). Characters whose fold is not exactly one character (deleted
    diacritics and tatweel, NFKC expansions) are remembered in `uneven`."""

    def __init__(self) -> None:
        super().__init__()
        self.uneven: set[str] = set()

    def __missing__(self, code: int) -> str:
        out = _normalize_char(chr(code))
        if len(out) != 1:
            self.uneven.add(chr(code))
        self[code] = out
        return out


_FOLD = _FoldTable()


def normalize(text: str) -> str:
    """Matching key of a string: hamza/alef forms, alef maqsura, taa marbuta,
    tatweel and diacritics folded with camel-tools' normalisers."""
    return text.translate(_FOLD)


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalise `text` and return, for each output character, the index of
    the original character it came from (so matches map back to the source)."""
    folded = text.translate(_FOLD)  # also enters every character of `text` in the table
    if len(folded) == len(text) and _FOLD.uneven.isdisjoint(text):
        return folded, list(range(len(text)))  # one character for one: the usual case
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for out in _normalize_char(char):
            chars.append(out)
            origin.append(index)
    return "".join(chars), origin


@dataclass(frozen=True)
class Token:
    """A word or punctuation mark with its place in the document."""

    index: int
    text: str
    start: int
    end: int
    norm: str

    @cached_property
    def is_word(self) -> bool:
        return any(_is_word_char(c) for c in self.text)

    @property
    def is_number(self) -> bool:
        return self.norm.isdigit()


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document: its span, its tokens and where it stood."""

    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    section: str  # "headline" or "body"


def _is_word_char(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LN" or category == "Mn"


class _ClassTable(dict):
    """`str.translate` table from a character to its class for `tokenize`:
    "w" a word character (`_is_word_char`: letters, digits, combining marks;
    tatweel is a letter), " " white space, "p" anything else. Filled on first
    sight, like `_FoldTable`. No character is both a word character and
    white space (tested over every code point)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        out = " " if char.isspace() else "w" if _is_word_char(char) else "p"
        self[code] = out
        return out


_CLASSES = _ClassTable()
_TOKEN_SPANS = re.compile(r"w+|p")  # a run of word characters, or one other non-space character


def tokenize(text: str, offset: int = 0, first_index: int = 0) -> list[Token]:
    """Split on white space and punctuation; diacritics and tatweel stay
    inside their word. Clitics are *not* split here: matching handles them
    (see `clitic_stems`), so that offsets stay whole-word.

    The cut is made by a regular expression over the characters' classes
    (`_ClassTable`), and each token's `is_word` is set from it (a run of
    word characters is a word, a single other character is not)."""
    tokens: list[Token] = []
    for found in _TOKEN_SPANS.finditer(text.translate(_CLASSES)):
        i, j = found.span()
        surface = text[i:j]
        token = Token(first_index + len(tokens), surface, offset + i, offset + j, surface.translate(_FOLD))
        token.__dict__["is_word"] = found.group()[0] == "w"  # what the cached property would compute
        tokens.append(token)
    return tokens


ARTICLE = "ال"


def strip_article(norm_word: str) -> str:
    """Drop a leading definite article, keeping at least two letters."""
    if norm_word.startswith(ARTICLE) and len(norm_word) - len(ARTICLE) >= 2:
        return norm_word[len(ARTICLE):]
    return norm_word


@lru_cache(maxsize=65536)
def clitic_stems(norm_word: str) -> tuple[str, ...]:
    """Candidate stems of a normalised word once proclitics are removed,
    the unstripped word first. Each is also article-stripped, so that
    وروسيا، بإدلب، للرئيس، والكرملين give روسيا، ادلب، رئيس، كرملين."""
    seen: list[str] = []
    candidates = [norm_word]
    for prefix in load_clitics().proclitics:
        if norm_word.startswith(prefix) and len(norm_word) - len(prefix) >= 2:
            candidates.append(norm_word[len(prefix):])
    for candidate in candidates:
        key = strip_article(candidate)
        if key not in seen:
            seen.append(key)
    return tuple(seen)


def carries_article(norm_word: str) -> bool:
    """Is the definite article written on the word, after any proclitics
    (السورية، والسورية، بالسورية، للسورية)?"""
    for prefix in ("",) + load_clitics().proclitics:
        if not norm_word.startswith(prefix):
            continue
        rest = norm_word[len(prefix):]
        if prefix.endswith("ال") or prefix.endswith("لل") or (rest.startswith(ARTICLE) and len(rest) > len(ARTICLE) + 1):
            return True
    return False


def alias_key(norm_word: str) -> str:
    """Key of the first word of a gazetteer alias (article removed)."""
    return strip_article(norm_word)


_SENTENCE_END = re.compile(r"(\.{2,}|…|[.!?؟](?!\d)|\n+)")
MAX_SENTENCE_CHARS = 1500  # longer runs are cut into pieces: extraction time stays linear in the text's size
MAX_QUOTE_CHARS = 400  # a quotation longer than this, or not closed on its line, is split as usual
QUOTE_PAIRS = (("«", "»"), ("“", "”"))


def _inside_quotation(text: str, start: int, end: int) -> bool:
    """Is the sentence end at `end` inside a quotation opened since `start`
    and closed later on the same line, close by (أكد الرئيس أن «… العسكرية.
    لكنها ستواصلها …»)? The quotation is part of the sentence that reports
    it: split inside it, the reporting verb's subject would not carry on to
    the next sentence. A quotation left open is not waited for."""
    line_end = text.find("\n", end)
    horizon = min(len(text) if line_end < 0 else line_end, end + MAX_QUOTE_CHARS)
    for opening, closing in QUOTE_PAIRS:
        if text.count(opening, start, end) > text.count(closing, start, end):
            return text.find(closing, end, horizon) >= 0
    if text.count('"', start, end) % 2 == 1:
        return text.find('"', end, horizon) >= 0
    return False


def _bounded_pieces(begin: int, finish: int, text: str) -> list[tuple[int, int]]:
    """(start, end) pieces of text[begin:finish], none longer than
    MAX_SENTENCE_CHARS: cut after the last comma or semicolon of a window
    when it has one in its second half, else at its last space, else hard.
    A text with no sentence punctuation (a 10 MB line) would otherwise be
    one sentence, and several stages are quadratic in a sentence's length."""
    pieces = []
    while finish - begin > MAX_SENTENCE_CHARS:
        low, high = begin + MAX_SENTENCE_CHARS // 2, begin + MAX_SENTENCE_CHARS
        cut = max(text.rfind(mark, low, high) for mark in "،,؛;") + 1
        if cut <= low:
            space = max(text.rfind(blank, low, high) for blank in " \t\u00a0")
            cut = space if space > low else high
        pieces.append((begin, cut))
        begin = cut
    pieces.append((begin, finish))
    return pieces


def split_sentences(text: str, headline_end: int = 0) -> list[Sentence]:
    """Split on Arabic and Latin sentence punctuation and on line breaks.

    Sentences ending at or before `headline_end` are marked as headline.
    A full stop between digits (3.5) does not end a sentence (_SENTENCE_END
    does not match it; one after a year does: «في 2009. وأجرى …»), nor one
    inside a short quotation closed on its line (see _inside_quotation).
    """
    sentences: list[Sentence] = []
    start = 0
    token_count = 0

    def emit(begin: int, finish: int) -> None:
        if finish - begin > MAX_SENTENCE_CHARS:
            for piece in _bounded_pieces(begin, finish, text):
                emit_one(*piece)
        else:
            emit_one(begin, finish)

    def emit_one(begin: int, finish: int) -> None:
        nonlocal token_count
        chunk = text[begin:finish]
        stripped = chunk.strip()
        if not stripped or "w" not in stripped.translate(_CLASSES):
            return
        lead = len(chunk) - len(chunk.lstrip())
        s_start = begin + lead
        s_end = s_start + len(stripped)
        tokens = tokenize(stripped, offset=s_start, first_index=0)
        section = "headline" if s_end <= headline_end else "body"
        sentences.append(Sentence(len(sentences), s_start, s_end, stripped, tuple(tokens), section))
        token_count += len(tokens)

    for match in _SENTENCE_END.finditer(text):
        if not match.group(0).startswith("\n") and _inside_quotation(text, start, match.end()):
            continue
        emit(start, match.end() if not match.group(0).startswith("\n") else match.start())
        start = match.end()
    emit(start, len(text))
    return sentences


def words(tokens: Iterable[Token]) -> list[Token]:
    """Only the word tokens of a sequence."""
    return [t for t in tokens if t.is_word]
