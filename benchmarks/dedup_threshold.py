"""Measure the MinHash duplicate threshold on real text: Wikinews articles against wire copies of themselves
(re-headlined, truncated, lightly edited, with an outlet's boilerplate) and against other articles on the
same topic (the most similar other article by content words, a hard non-duplicate).

Run with `python benchmarks/dedup_threshold.py` (needs ../shared/corpus/wikinews-en). Deterministic (seeded).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.feeds.dedup import SHINGLE_WORDS, THRESHOLD, DuplicateFinder, shingles, signature  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews-en" / "articles.jsonl"
_WORD = re.compile(r"\w+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
EDITS = {
    "said": "told reporters",
    "announced": "said",
    "Monday": "on Monday",
    "people": "residents",
    "government": "administration",
    "police": "officers",
    "according to": "citing",
}
BOILERPLATE = [
    "Sign up for our newsletter to get the day's news in your inbox.",
    "This story was provided by a news agency and edited by our staff.",
    "Copyright 2020 The Courier. All rights reserved.",
]


def paragraphs(text: str) -> list[str]:
    """The article's paragraphs, without Wikinews' dateline."""
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    return parts[1:] if parts and re.match(r"^\w+day, \w+ \d+, \d{4}$", parts[0]) else parts


def wire_copies(text: str, rng: random.Random) -> dict[str, str]:
    """Versions of one story as other outlets run it."""
    paras = paragraphs(text)
    body = "\n\n".join(paras)
    edited = body
    for old, new in EDITS.items():
        edited = edited.replace(old, new)
    sentences = _SENTENCE.split(body)
    dropped = " ".join(s for i, s in enumerate(sentences) if i % 7 != 3)  # an editor cut a few sentences
    keep = max(1, round(len(paras) * 0.6))
    return {
        "re-headlined + boilerplate": f"NEW YORK (Wire) — {body}\n\n" + "\n\n".join(BOILERPLATE),
        "lightly edited words": edited,
        "sentences cut (1 in 7)": dropped,
        "truncated to 60%": "\n\n".join(paras[:keep]),
        "truncated 60% + edited + boilerplate": "\n\n".join(
            [p for p in edited.split("\n\n")][:keep] + BOILERPLATE[: rng.randint(1, 3)]
        ),
    }


def content_words(text: str) -> set[str]:
    """Lower-case words of five letters or more (a crude topic signature)."""
    return {w for w in _WORD.findall(text.lower()) if len(w) >= 5 and not w.isdigit()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=295, help="Articles used (all 295 by default).")
    args = parser.parse_args()
    rng = random.Random(7)
    articles = [json.loads(line) for line in CORPUS.open(encoding="utf-8")][: args.limit]
    articles = [a for a in articles if len(_WORD.findall(a["text"])) >= 150]
    texts = ["\n\n".join(paragraphs(a["text"])) for a in articles]
    sigs = [signature(t) for t in texts]
    words = [content_words(t) for t in texts]

    duplicates: dict[str, list[tuple[float, float]]] = {}
    for text, sig in zip(texts, sigs, strict=True):
        for kind, copy in wire_copies(text, rng).items():
            exact = len(shingles(text) & shingles(copy)) / len(shingles(text) | shingles(copy))
            duplicates.setdefault(kind, []).append((float(sig.jaccard(signature(copy))), exact))
    negatives: list[tuple[float, float]] = []
    for i, mine in enumerate(words):
        j = max(
            (k for k in range(len(words)) if k != i),
            key=lambda k: len(mine & words[k]) / len(mine | words[k]),
        )
        exact = len(shingles(texts[i]) & shingles(texts[j])) / len(shingles(texts[i]) | shingles(texts[j]))
        negatives.append((float(sigs[i].jaccard(sigs[j])), exact))

    print(
        f"{len(articles)} Wikinews articles (>= 150 words), word {SHINGLE_WORDS}-shingles, 128 permutations"
    )
    print("\nduplicates (article vs its wire copy): estimated Jaccard min / median, exact min")
    for kind, pairs in duplicates.items():
        est = sorted(p[0] for p in pairs)
        print(
            f"  {kind:<40} {est[0]:.3f} / {est[len(est) // 2]:.3f}   exact min {min(p[1] for p in pairs):.3f}"
        )
    est = sorted(p[0] for p in negatives)
    print("\nnon-duplicates (article vs its most similar other article by content words):")
    print(
        f"  estimated Jaccard max {est[-1]:.3f}, 99th percentile {est[int(len(est) * 0.99)]:.3f}, median {est[len(est) // 2]:.3f}"
    )

    finder = DuplicateFinder([])
    for n, text in enumerate(texts):
        finder.assign(f"a{n}", text)
    copies = [
        (n, kind, copy) for n, text in enumerate(texts) for kind, copy in wire_copies(text, rng).items()
    ]
    joined = sum(finder.assign(f"copy{i}", copy)[0] == f"a{n}" for i, (n, _, copy) in enumerate(copies))
    for i in range(len(copies)):
        finder.remove(f"copy{i}")
    own = sum(finder.assign(f"a{n}", text)[0] == f"a{n}" for n, text in enumerate(texts))
    print(
        f"\nDuplicateFinder (LSH candidates, then estimated Jaccard >= {THRESHOLD}) over all {len(texts)} articles:"
    )
    print(
        f"  wire copies put in their original's cluster: {joined}/{len(copies)} ({joined / len(copies):.1%})"
    )
    print(f"  originals re-added that stayed in a cluster of their own: {own}/{len(texts)}")

    print("\nthreshold  duplicates found   non-duplicates merged")
    every = [p[0] for pairs in duplicates.values() for p in pairs]
    for threshold in (0.1, 0.2, 0.3, 0.4, THRESHOLD, 0.6, 0.7):
        found = sum(s >= threshold for s in every)
        merged = sum(s >= threshold for s in est)
        mark = "  <- THRESHOLD" if threshold == THRESHOLD else ""
        print(
            f"  {threshold:.2f}     {found}/{len(every)} ({found / len(every):.1%})   {merged}/{len(est)}{mark}"
        )


if __name__ == "__main__":
    main()
