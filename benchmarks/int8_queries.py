"""int8 for the query side only: multilingual-e5-small's ONNX export quantised dynamically (per channel, QInt8)
encodes the XQuAD dev questions, searched densely against the unchanged fp32 passage index, side by side with
fp32 in one run (alternating per question). Reports Recall@1/@5 and the median query-embedding time of each.
Its times favour int8, probably because two models alternating in one process evict each other's weights from
the CPU caches: alternating so over one index, fp32 took 10.2 ms a question against 8.8 ms alone in its own
process (medians). `side_by_side.py --variants newsdesk-fp32-questions` times each alone.

    python benchmarks/int8_queries.py --index DIR   # DIR: an XQuAD index from `newsdesk eval xquad --index DIR`
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.app import build_index  # noqa: E402
from bot.settings import Settings  # noqa: E402
from index.embedding.onnx_embedder import OnnxEmbedder  # noqa: E402
from index.embedding.onnx_export import provision_onnx  # noqa: E402
from index.evaluation import load_paragraphs, load_questions, paragraph_rank  # noqa: E402

XQUAD = ROOT.parent / "shared" / "eval" / "xquad-dev"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--index", type=Path, required=True, help="the XQuAD evaluation index's data folder")
    parser.add_argument("--split", default="held-out", choices=["all", "tune", "held-out"])
    args = parser.parse_args()
    from onnxruntime.quantization import QuantType, quantize_dynamic

    settings = Settings(data_dir=args.index)
    export = provision_onnx(settings.model_cache)
    with tempfile.TemporaryDirectory() as tmp:
        quantised = Path(tmp) / "model-int8.onnx"
        quantize_dynamic(str(export), str(quantised), weight_type=QuantType.QInt8, per_channel=True)
        encoders = {
            "fp32": OnnxEmbedder(cache_dir=settings.model_cache),
            "int8": OnnxEmbedder(cache_dir=settings.model_cache, model_file=quantised),
        }
        index = build_index(settings)
        _, owner = load_paragraphs(XQUAD / "xquad.nl.json")
        for encoder in encoders.values():
            encoder.embed_queries(["warm-up"])
        for language in ("en", "nl"):
            questions = load_questions(XQUAD / f"xquad.{language}.json", owner, args.split)
            ranks: dict[str, list[int | None]] = {name: [] for name in encoders}
            times: dict[str, list[float]] = {name: [] for name in encoders}
            for q in questions:
                for name, encoder in encoders.items():
                    started = time.perf_counter()
                    vector = encoder.embed_queries([q.question])[0]
                    times[name].append(time.perf_counter() - started)
                    found = index.search(q.question, k=10, mode="dense", query_vector=vector)
                    ranks[name].append(paragraph_rank(found, q.paragraph_id))
            for name in encoders:
                r = ranks[name]
                at1 = sum(x == 1 for x in r) / len(r)
                at5 = sum(x is not None and x <= 5 for x in r) / len(r)
                p50 = 1000 * statistics.median(times[name])
                print(f"{language} {name}: R@1 {at1:.3f} R@5 {at5:.3f}, query embedding p50 {p50:.1f} ms")
            ratio = statistics.median(times["int8"]) / statistics.median(times["fp32"])
            print(f"{language}: int8/fp32 query time {ratio:.2f} over {len(questions)} questions")
        index.close()


if __name__ == "__main__":
    main()
