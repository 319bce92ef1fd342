"""The e5 tagger's network: a learned mix of e5's layers, kg's word features,
a window of three words (or a BiLSTM) and a CRF.

e5's layers say different things about a word (the lower ones its form, the
upper ones its role in the sentence); a softmax-weighted mix of them (ELMo's
scalar mix), one for the word's first piece and one for the mean of its
pieces, lets training choose. The mix is projected down and joined with
small embeddings of kg's features (kg.ner.neural.lexical); a convolution over
each word and its two neighbours (e5 has already read the whole sentence), or
a BiLSTM (no better on dev, twice as slow), turns them into tag scores, and a
CRF picks the tag sequence.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import torch
from torch import nn

from kg.ner.neural.crf import CRF


@dataclass
class TaggerSettings:
    """The network's shape (saved with the model)."""

    layers: list[int] = field(default_factory=lambda: list(range(13)))  # e5 layers read (0 = embeddings)
    pooling: str = "first+mean"
    hidden: int = 384  # e5's width
    projection: int = 256
    feature_dims: dict[str, int] = field(default_factory=lambda: {
        "stem": 64, "prefix": 8, "suffix": 16, "cls": 16, "shape": 8, "gaz": 16})
    context: str = "conv"  # "conv": a window of three words; "lstm": a BiLSTM over the sentence (slower, no better on dev)
    lstm: int = 192
    dropout: float = 0.4
    word_dropout: float = 0.1  # stems replaced by 'unknown' in training, so unseen words are handled

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def groups(self) -> int:
        return 2 if self.pooling == "first+mean" else 1


class ScalarMix(nn.Module):
    """γ · Σ softmax(w)_k · layer_k."""

    def __init__(self, layers: int) -> None:
        super().__init__()
        self.weights = nn.Parameter(torch.zeros(layers))
        self.gamma = nn.Parameter(torch.ones(1))

    def forward(self, stacked: torch.Tensor) -> torch.Tensor:  # (..., layers, hidden)
        return self.gamma * (torch.softmax(self.weights, 0).unsqueeze(1) * stacked).sum(-2)


class Tagger(nn.Module):
    """See the module docstring."""

    def __init__(self, settings: TaggerSettings, vocab_sizes: dict[str, int], tags: list[str]) -> None:
        super().__init__()
        self.settings = settings
        self.tags = list(tags)
        n = len(settings.layers)
        self.mixes = nn.ModuleList(ScalarMix(n) for _ in range(settings.groups))
        self.project = nn.Linear(settings.hidden * settings.groups, settings.projection)
        self.embeddings = nn.ModuleDict({name: nn.Embedding(vocab_sizes[name], dim, padding_idx=0)
                                         for name, dim in settings.feature_dims.items()})
        width = settings.projection + sum(settings.feature_dims.values())
        self.dropout = nn.Dropout(settings.dropout)
        if settings.context == "lstm":
            self.lstm = nn.LSTM(width, settings.lstm, batch_first=True, bidirectional=True)
        else:
            self.conv = nn.Conv1d(width, 2 * settings.lstm, kernel_size=3, padding=1)
        self.out = nn.Linear(2 * settings.lstm, len(tags))
        self.crf = CRF(tags)

    def emissions(self, vectors: torch.Tensor, features: dict[str, torch.Tensor], mask: torch.Tensor) -> torch.Tensor:
        """vectors (batch, length, groups·layers, hidden); features name → (batch, length)."""
        n = len(self.settings.layers)
        mixed = [mix(vectors[:, :, g * n:(g + 1) * n]) for g, mix in enumerate(self.mixes)]
        parts = [torch.relu(self.project(self.dropout(torch.cat(mixed, dim=-1))))]
        for name, table in self.embeddings.items():
            ids = features[name]
            if self.training and name == "stem" and self.settings.word_dropout > 0:
                drop = (torch.rand(ids.shape) < self.settings.word_dropout) & (ids > 1)
                ids = torch.where(drop, torch.ones_like(ids), ids)
            parts.append(table(ids))
        hidden = self.dropout(torch.cat(parts, dim=-1))
        if self.settings.context != "lstm":
            output = torch.relu(self.conv((hidden * mask.unsqueeze(-1)).transpose(1, 2))).transpose(1, 2)
            return self.out(self.dropout(output))
        lengths = mask.long().sum(1).clamp(min=1).cpu()
        packed = nn.utils.rnn.pack_padded_sequence(hidden, lengths, batch_first=True, enforce_sorted=False)
        output, _ = self.lstm(packed)
        output, _ = nn.utils.rnn.pad_packed_sequence(output, batch_first=True, total_length=hidden.shape[1])
        return self.out(self.dropout(output))

    def loss(self, vectors, features, mask, tags) -> torch.Tensor:
        return self.crf.neg_log_likelihood(self.emissions(vectors, features, mask), tags, mask)

    def decode(self, vectors, features, mask) -> list[list[int]]:
        return self.crf.decode(self.emissions(vectors, features, mask), mask)
