"""The scale benchmark's SQLite rows: synthetic articles of real chunk texts, with vectors near real ones."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from index.news_index import DATABASE_FILE
from index.store.database import Database
from index.store.manifest import Manifest

CHUNKS_PER_ARTICLE = 5
SOURCES = [f"Outlet {n}" for n in range(12)]
MIXED = 3  # real vectors mixed into each synthetic one


def source_chunks(source: Path) -> tuple[list[str], list[str], list[str], np.ndarray]:
    """Texts, keyword terms, languages and vectors of the real chunks of an index."""
    db = Database(source / DATABASE_FILE)
    chunks = list(db.chunks_with_terms())
    vectors = db.vectors.of([c.chunk_id for c in chunks])
    db.close()
    matrix = np.stack([vectors[c.chunk_id][0] for c in chunks])
    return [c.text for c in chunks], [c.terms for c in chunks], [c.language for c in chunks], matrix


def noise_scale(vectors: np.ndarray) -> float:
    """Per-dimension noise whose blur matches the median distance between real nearest neighbours."""
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -1)
    nearest = float(np.median(sims.max(axis=1)))
    return float(np.sqrt((1 / nearest - 1) / vectors.shape[1]))


def synthetic(vectors: np.ndarray, picks: np.ndarray, rng: np.random.Generator, sigma: float) -> np.ndarray:
    """Vectors near the picked real ones: each a random mixture of it and two other real vectors (weights
    from a flat Dirichlet), blurred with noise and scaled to unit length. Mixtures fill the space between
    real chunks, so neighbours are not just copies of one chunk and ANN recall is not trivially high."""
    others = vectors[rng.integers(0, len(vectors), (len(picks), MIXED - 1))]
    weights = rng.dirichlet(np.ones(MIXED), len(picks)).astype(np.float32)
    made = weights[:, :1] * vectors[picks] + np.einsum("nk,nkd->nd", weights[:, 1:], others)
    made += sigma * rng.standard_normal(made.shape).astype(np.float32)
    unit: np.ndarray = (made / np.linalg.norm(made, axis=1, keepdims=True)).astype(np.float32)
    return unit


def data_dir(work: Path, size: int) -> Path:
    """The data folder of one size."""
    return work / f"chunks-{size}"


def step_rows(args: argparse.Namespace) -> dict[str, object]:
    """Write the SQLite rows of `size` chunks in large transactions."""
    texts, terms, languages, vectors = source_chunks(args.source)
    folder = data_dir(args.work, args.size)
    db = Database(folder / DATABASE_FILE)
    if db.chunk_count() == args.size:
        return {"size": args.size, "skipped": "rows exist"}
    rng, sigma = np.random.default_rng(args.size), noise_scale(vectors)
    started = time.perf_counter()
    articles = args.size // CHUNKS_PER_ARTICLE
    for first in range(0, articles, 2000):
        with db.transaction():
            for number in range(first, min(first + 2000, articles)):
                picks = rng.integers(0, len(texts), CHUNKS_PER_ARTICLE)
                write_article(
                    db, number, picks, texts, terms, languages, synthetic(vectors, picks, rng, sigma), rng
                )
            db.bump_generation()
    with db.transaction():
        db.write_manifest(Manifest(model="scale", dimension=vectors.shape[1], index_type=""))
    db.close()
    size_mb = sum(p.stat().st_size for p in folder.glob(DATABASE_FILE + "*")) / 1e6
    return {"size": args.size, "seconds": time.perf_counter() - started, "sqlite_mb": size_mb, "noise": sigma}


def write_article(
    db: Database,
    number: int,
    picks: np.ndarray,
    texts: list[str],
    terms: list[str],
    languages: list[str],
    vectors: np.ndarray,
    rng: np.random.Generator,
) -> list[int]:
    """One synthetic article of real chunk texts, with a random date and outlet."""
    from index.records import Article, Chunk

    parts = [texts[p] for p in picks]
    text = "\n\n".join(parts)
    chunks, offset = [], 0
    for ordinal, part in enumerate(parts):
        chunks.append(
            Chunk(
                article_id=f"a{number}",
                ordinal=ordinal,
                start=offset,
                end=offset + len(part),
                text=part,
                token_count=200,
            )
        )
        offset += len(part) + 2
    day = np.datetime64("2016-01-01") + int(rng.integers(0, 3650))
    article = Article(
        id=f"a{number}",
        title=texts[picks[0]][:60],
        text=text,
        date=str(day),
        source=SOURCES[number % len(SOURCES)],
        language=languages[picks[0]],
    )
    return db.replace_article(article, str(number), chunks, vectors, [terms[p] for p in picks])
