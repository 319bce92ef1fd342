"""A linear-chain CRF over IOB tags, for the tagger's output layer.

A softmax per word lets the tagger open an entity with I- or change type in
mid-name; a CRF scores whole tag sequences, learns which tag follows which,
and decodes the best sequence with Viterbi. Transitions that IOB forbids
(O → I-X, B-X → I-Y) are ruled out outright, in training and decoding, so
every decoded sequence reads as well-formed spans.
"""

from __future__ import annotations

from typing import Sequence

import torch
from torch import nn

FORBIDDEN = -10_000.0


def allowed_transitions(tags: Sequence[str]) -> torch.Tensor:
    """(tags, tags) 0/1: may tag j follow tag i? And (tags,) may a sentence open with it?"""
    n = len(tags)
    allowed = torch.ones(n, n)
    for j, tag in enumerate(tags):
        if tag.startswith("I-"):
            kind = tag[2:]
            for i, previous in enumerate(tags):
                if previous[2:] != kind or previous == "O":
                    allowed[i, j] = 0.0
    return allowed


class CRF(nn.Module):
    """See the module docstring. Emissions are (batch, length, tags), mask (batch, length) bool,
    with every sentence's words first (no holes)."""

    def __init__(self, tags: Sequence[str]) -> None:
        super().__init__()
        n = len(tags)
        self.transitions = nn.Parameter(torch.zeros(n, n))
        self.start = nn.Parameter(torch.zeros(n))
        self.end = nn.Parameter(torch.zeros(n))
        allowed = allowed_transitions(tags)
        self.register_buffer("penalty", (1.0 - allowed) * FORBIDDEN, persistent=False)
        self.register_buffer("start_penalty", torch.tensor([FORBIDDEN if t.startswith("I-") else 0.0 for t in tags]),
                             persistent=False)

    def _transitions(self) -> torch.Tensor:
        return self.transitions + self.penalty

    def neg_log_likelihood(self, emissions: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Sum over the batch of −log p(tags | words)."""
        return (self._log_partition(emissions, mask) - self._score(emissions, tags, mask)).sum()

    def _score(self, emissions: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        trans = self._transitions()
        batch, length, _ = emissions.shape
        maskf = mask.float()
        score = self.start[tags[:, 0]] + self.start_penalty[tags[:, 0]]
        score = score + emissions.gather(2, tags.unsqueeze(2)).squeeze(2).mul(maskf).sum(1)
        if length > 1:
            steps = trans[tags[:, :-1], tags[:, 1:]] * maskf[:, 1:]
            score = score + steps.sum(1)
        last = tags.gather(1, (mask.long().sum(1) - 1).clamp(min=0).unsqueeze(1)).squeeze(1)
        return score + self.end[last]

    def _log_partition(self, emissions: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        trans = self._transitions()
        alpha = self.start + self.start_penalty + emissions[:, 0]
        for t in range(1, emissions.shape[1]):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0), dim=1) + emissions[:, t]
            alpha = torch.where(mask[:, t].unsqueeze(1), nxt, alpha)
        return torch.logsumexp(alpha + self.end, dim=1)

    def decode(self, emissions: torch.Tensor, mask: torch.Tensor) -> list[list[int]]:
        """The best tag sequence of each sentence (Viterbi)."""
        trans = self._transitions()
        score = self.start + self.start_penalty + emissions[:, 0]
        history = []
        for t in range(1, emissions.shape[1]):
            best, index = (score.unsqueeze(2) + trans.unsqueeze(0)).max(dim=1)
            nxt = best + emissions[:, t]
            history.append(index)
            score = torch.where(mask[:, t].unsqueeze(1), nxt, score)
        score = score + self.end
        lengths = mask.long().sum(1).tolist()
        out: list[list[int]] = []
        for b, length in enumerate(lengths):
            if length == 0:
                out.append([])
                continue
            tag = int(score[b].argmax())
            path = [tag]
            for t in range(length - 1, 0, -1):
                tag = int(history[t - 1][b, tag])
                path.append(tag)
            out.append(path[::-1])
        return out
