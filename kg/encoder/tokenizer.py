"""e5's sub-word tokenizer, built from the bundled file's vocabulary.

XLM-R (and so multilingual-e5) cuts text with a SentencePiece unigram model:
each whitespace-separated word, with the metaspace marker ▁ in front, is
split into the pieces of highest total log-probability. The `tokenizers`
library runs exactly that (a Unigram model with a Metaspace pre-tokenizer);
the file gives the pieces and their scores. The file's character normaliser
(SentencePiece's compiled NFKC table, flattened to one replacement per code
point) is applied with str.translate before the pieces are looked up.

kg hands over words, not text, so every word is tokenized on its own and the
tokenizer reports which pieces belong to which word; a word that normalises
to nothing (a stray control character) still gets one piece, the bare ▁, so
that every word has a vector.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from kg.encoder.bundle import Vocabulary

METASPACE = "\u2581"


@dataclass(frozen=True)
class WordPieces:
    """One sentence as piece ids (without <s> and </s>) and, per word, the
    index of its first piece and the number of its pieces."""

    ids: tuple[int, ...]
    first: tuple[int, ...]
    lengths: tuple[int, ...]


class E5Tokenizer:
    """See the module docstring."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        from tokenizers import Tokenizer, models, pre_tokenizers

        self.vocabulary = vocabulary
        model = models.Unigram([(piece, float(score)) for piece, score in zip(vocabulary.pieces, vocabulary.scores)],
                               unk_id=vocabulary.unk, byte_fallback=False)
        self._tokenizer = Tokenizer(model)
        self._tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always", split=True)
        self._table = str.maketrans(vocabulary.normalizer)
        self.space_id = vocabulary.pieces.index(METASPACE)
        self.bos, self.eos, self.pad = vocabulary.bos, vocabulary.eos, vocabulary.pad

    def normalize(self, text: str) -> str:
        """The file's character normaliser, then runs of spaces made one."""
        return " ".join(text.translate(self._table).split(" ")) if text else text

    def encode_text(self, text: str) -> list[int]:
        """Piece ids of a whole text (no <s>/</s>), as the engine cuts it."""
        normalized = " ".join(part for part in self.normalize(text).split(" ") if part)
        return list(self._tokenizer.encode(normalized).ids) if normalized else []

    def encode_words(self, sentences: Sequence[Sequence[str]]) -> list[WordPieces]:
        """Pieces of each sentence's words, word by word."""
        prepared = [[self.normalize(word).replace(" ", "") or " " for word in words] for words in sentences]
        out: list[WordPieces] = []
        nonempty = [words for words in prepared if words]
        encodings = iter(self._tokenizer.encode_batch(nonempty, is_pretokenized=True)) if nonempty else iter(())
        for words in prepared:
            if not words:
                out.append(WordPieces((), (), ()))
                continue
            encoding = next(encodings)
            per_word: list[list[int]] = [[] for _ in words]
            for piece_id, word_id in zip(encoding.ids, encoding.word_ids):
                if word_id is not None:
                    per_word[word_id].append(piece_id)
            ids: list[int] = []
            first: list[int] = []
            lengths: list[int] = []
            for pieces in per_word:
                pieces = pieces or [self.space_id]
                first.append(len(ids))
                lengths.append(len(pieces))
                ids.extend(pieces)
            out.append(WordPieces(tuple(ids), tuple(first), tuple(lengths)))
        return out
