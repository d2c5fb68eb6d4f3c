"""Which embedder the settings build, without loading a model."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import build_embedder
from bot.settings import Settings
from index.embedding.onnx_embedder import _BATCH_TOKENS, OnnxEmbedder, _batches, _trimmed
from index.embedding.sentence_transformer import SentenceTransformerEmbedder
from index.errors import ModelUnavailableError


def _settings(tmp_path: Path, **values: object) -> Settings:
    return Settings(data_dir=tmp_path, model_cache=tmp_path / "models", **values)  # type: ignore[arg-type]


def test_onnx_is_the_default_for_the_provisioned_e5(tmp_path: Path) -> None:
    assert isinstance(build_embedder(_settings(tmp_path)), OnnxEmbedder)


def test_torch_when_asked_or_for_another_model(tmp_path: Path) -> None:
    assert isinstance(build_embedder(_settings(tmp_path, embedder="torch")), SentenceTransformerEmbedder)
    other = build_embedder(_settings(tmp_path, model="sentence-transformers/all-MiniLM-L6-v2"))
    assert isinstance(other, SentenceTransformerEmbedder)


def test_both_embedders_record_the_same_model_name(tmp_path: Path) -> None:
    names = {build_embedder(_settings(tmp_path, embedder=e)).name for e in ("onnx", "torch")}
    assert names == {"multilingual-e5-small"}


def test_the_onnx_embedder_refuses_other_models() -> None:
    with pytest.raises(ModelUnavailableError, match="NEWSDESK_EMBEDDER=torch"):
        OnnxEmbedder("sentence-transformers/all-MiniLM-L6-v2")


def test_trailing_lone_spaces_are_dropped_as_the_hugging_face_tokenizer_does() -> None:
    assert _trimmed([0, 1022, 6, 6]) == [0, 1022]
    assert _trimmed([6, 1022]) == [6, 1022]
    assert _trimmed([6]) == []


def test_batches_hold_at_most_the_token_budget_and_every_text_once() -> None:
    lengths = [5, 600, 40, 40, 300, 1000, 3]
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    batches = list(_batches(order, lengths, 4))
    assert [r for b in batches for r in b] == order
    assert all(len(b) <= 4 for b in batches)
    assert all(len(b) == 1 or len(b) * lengths[b[-1]] <= _BATCH_TOKENS for b in batches)
    assert [lengths[b[-1]] for b in batches][-1] == 1000  # a text beyond the budget runs alone


def test_questions_default_to_int8_and_passages_to_fp32(tmp_path: Path) -> None:
    embedder = build_embedder(_settings(tmp_path))
    assert isinstance(embedder, OnnxEmbedder)
    assert (embedder.precision, embedder.query_precision) == ("fp32", "int8")
    fp32 = build_embedder(_settings(tmp_path, embedder_query_precision="fp32"))
    assert isinstance(fp32, OnnxEmbedder) and fp32.query_precision == "fp32"
