"""The ONNX Runtime embedder gives the torch embedder's vectors and token counts, from a cached export."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from index.embedding.onnx_embedder import OnnxEmbedder
from index.embedding.onnx_export import (
    INT8_DATA,
    ONNX_DATA,
    is_exported,
    onnx_file,
    provision_int8,
    provision_onnx,
)
from index.embedding.sentence_transformer import SentenceTransformerEmbedder
from tests.conftest import MODEL_CACHE

TEXTS = [
    "Zaterdag meldde de Azerbeidzjaanse president Ilham Aliyev dat meer grondgebied was veroverd.",
    "De hoofdstad Stepanakert lag de afgelopen nacht onder zwaar raketvuur.  \n",
    "Who claimed that Shushi was captured?",
    "The minister resigned on Friday after weeks of protests in the capital.",
    "",
    "Een lange tekst over de verkiezingen. " * 150,  # beyond 512 tokens: truncated the same way
]


@pytest.fixture(scope="module")
def onnx_e5() -> OnnxEmbedder:
    """The ONNX embedder over the shared model cache (exports model.onnx on first use)."""
    return OnnxEmbedder("multilingual-e5-small", MODEL_CACHE)


def test_the_export_is_made_once_and_kept(onnx_e5: OnnxEmbedder) -> None:
    assert onnx_e5.dimension == 384
    onnx_e5.embed_queries(["exports the model if it is missing"])
    assert is_exported(MODEL_CACHE)
    files = (onnx_file(MODEL_CACHE), onnx_file(MODEL_CACHE).with_name(ONNX_DATA))
    before = [f.stat().st_mtime_ns for f in files]
    provision_onnx(MODEL_CACHE)
    assert [f.stat().st_mtime_ns for f in files] == before
    assert files[1].stat().st_size > 400_000_000  # the float32 weights, mapped beside the graph


def test_passage_and_query_vectors_match_torch(
    onnx_e5: OnnxEmbedder, e5: SentenceTransformerEmbedder
) -> None:
    for mine, theirs in (
        (onnx_e5.embed_documents(TEXTS), e5.embed_documents(TEXTS)),
        (onnx_e5.embed_queries(TEXTS), e5.embed_queries(TEXTS)),
    ):
        assert mine.shape == (len(TEXTS), 384) and mine.dtype == np.float32
        assert float((mine * theirs).sum(axis=1).min()) > 0.999


def test_the_input_order_is_kept_across_length_sorted_batches(onnx_e5: OnnxEmbedder) -> None:
    together = onnx_e5.embed_documents(TEXTS)
    alone = np.stack([onnx_e5.embed_documents([t])[0] for t in TEXTS])
    assert np.allclose(together, alone, atol=1e-4)


def test_token_counts_match_torch(onnx_e5: OnnxEmbedder, e5: SentenceTransformerEmbedder) -> None:
    assert [onnx_e5.count_tokens(t) for t in TEXTS] == [e5.count_tokens(t) for t in TEXTS]


def test_threads_embedding_at_once_get_the_vectors_of_one_thread(onnx_e5: OnnxEmbedder) -> None:
    alone = [onnx_e5.embed_queries([t])[0] for t in TEXTS]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda t: onnx_e5.embed_queries([t])[0], TEXTS * 3))
    assert all(np.allclose(v, alone[i % len(TEXTS)], atol=1e-5) for i, v in enumerate(together))


def test_the_int8_model_is_made_once_and_stays_close_to_fp32(onnx_e5: OnnxEmbedder) -> None:
    int8 = OnnxEmbedder("multilingual-e5-small", MODEL_CACHE, precision="int8")
    assert int8.precision == "int8" and onnx_e5.precision == "fp32"
    texts = [t for t in TEXTS if t.strip()]
    quantised, exact = int8.embed_documents(texts), onnx_e5.embed_documents(texts)
    path = provision_int8(MODEL_CACHE)
    made = path.stat().st_mtime_ns
    assert provision_int8(MODEL_CACHE).stat().st_mtime_ns == made
    data = path.with_name(INT8_DATA).stat().st_size
    assert 80_000_000 < data < 200_000_000  # int8 weights mapped beside the graph, not 470 MB of fp32
    cosines = (quantised * exact).sum(axis=1)
    assert float(cosines.min()) > 0.97 and float(cosines.min()) < 0.99999  # close, and really quantised


def test_openvino_runs_an_ingests_batches_with_onnx_runtimes_vectors_and_is_dropped_after(
    onnx_e5: OnnxEmbedder,
) -> None:
    both = OnnxEmbedder("multilingual-e5-small", MODEL_CACHE, batch_runtime="openvino")
    batch = [f"{t} ({i})" for i, t in enumerate(TEXTS * 12)]  # 72 texts: an ingest-sized call
    exact = onnx_e5.embed_documents(batch)
    with both.bulk():
        assert float((both.embed_documents(batch) * exact).sum(axis=1).min()) > 0.9999
        assert both.loaded_runtimes == ["openvino"]
        assert np.allclose(both.embed_queries(TEXTS[:1]), onnx_e5.embed_queries(TEXTS[:1]), atol=1e-6)
        assert both.loaded_runtimes == ["openvino", "onnxruntime"]
        with ThreadPoolExecutor(max_workers=1) as pool:  # another thread (a question) is not in bulk
            assert np.allclose(pool.submit(both.embed_documents, batch).result(), exact, atol=1e-5)
    assert both.loaded_runtimes == ["onnxruntime"]  # a serving process does not keep OpenVINO's memory
    assert np.allclose(both.embed_documents(batch), exact, atol=1e-5)
    assert both.loaded_runtimes == ["onnxruntime"]


def test_openvino_keeps_an_infer_request_per_thread() -> None:
    texts = [f"{t} ({i})" for i, t in enumerate(TEXTS * 12)]
    embedder = OnnxEmbedder("multilingual-e5-small", MODEL_CACHE, batch_runtime="openvino")

    def in_bulk(batch: list[str]) -> np.ndarray:
        with embedder.bulk():
            return embedder.embed_documents(batch)

    with ThreadPoolExecutor(max_workers=3) as pool:
        together = list(pool.map(in_bulk, [texts, texts[::-1], texts]))
    assert np.allclose(together[0], together[2], atol=1e-5)
    assert np.allclose(together[1][::-1], together[0], atol=1e-5)


def test_int8_batches_stay_on_onnx_runtime() -> None:
    int8 = OnnxEmbedder("multilingual-e5-small", MODEL_CACHE, precision="int8", batch_runtime="openvino")
    assert int8.batch_runtime == "onnxruntime"


def test_questions_may_run_on_int8_while_passages_keep_fp32(onnx_e5: OnnxEmbedder) -> None:
    mixed = OnnxEmbedder("multilingual-e5-small", MODEL_CACHE, query_precision="int8")
    int8 = OnnxEmbedder("multilingual-e5-small", MODEL_CACHE, precision="int8")
    assert mixed.precision == "fp32" and mixed.query_precision == "int8"  # stored vectors stay fp32
    texts = [t for t in TEXTS if t.strip()]
    assert np.allclose(mixed.embed_queries(texts), int8.embed_queries(texts), atol=1e-5)
    assert mixed.loaded_runtimes == ["queries"]  # a serving process loads the small int8 weights alone
    assert np.allclose(mixed.embed_documents(texts), onnx_e5.embed_documents(texts), atol=1e-5)
    assert mixed.loaded_runtimes == ["queries", "onnxruntime"]
    exact = onnx_e5.embed_queries(texts)
    cosines = (mixed.embed_queries(texts) * exact).sum(axis=1)
    assert float(cosines.min()) > 0.97 and float(cosines.min()) < 0.99999
