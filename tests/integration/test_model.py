"""The provisioned multilingual-e5-small: shape, normalisation, prompts and cross-lingual ranking."""

from __future__ import annotations

import numpy as np

from index.embedding.provision import e5_folder, is_provisioned
from index.embedding.sentence_transformer import SentenceTransformerEmbedder
from tests.conftest import MODEL_CACHE

PARAGRAPHS = [
    "Zaterdag meldde de Azerbeidzjaanse president Ilham Aliyev dat meer grondgebied was veroverd, waaronder Shushi.",
    "De hoofdstad Stepanakert lag de afgelopen nacht onder zwaar raketvuur; er klonken luchtalarmen.",
    "Nagorno-Karabach heeft ongeveer 145.000 inwoners en wordt door de VN erkend als deel van Azerbeidzjan.",
    "Turkije steunt Azerbeidzjan in het conflict; Rusland is de beschermende macht van Armenië.",
]
QUESTIONS = {
    "Who claimed that Shushi was captured?": 0,
    "Which city was hit by rockets at night?": 1,
    "How many people live in Nagorno-Karabakh?": 2,
    "Welk land steunt Azerbeidzjan?": 3,
}


def test_the_model_folder_is_provisioned_offline(e5: SentenceTransformerEmbedder) -> None:
    assert is_provisioned(MODEL_CACHE)
    folder = e5_folder(MODEL_CACHE)
    assert (folder / "model.safetensors").stat().st_size > 400_000_000  # float32 weights
    assert e5.model.prompts == {"query": "query: ", "document": "passage: "}


def test_vectors_are_normalised_384_d_and_deterministic(e5: SentenceTransformerEmbedder) -> None:
    vectors = e5.embed_documents(PARAGRAPHS)
    assert vectors.shape == (4, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(vectors, e5.embed_documents(PARAGRAPHS), atol=1e-6)


def test_query_and_passage_prompts_differ(e5: SentenceTransformerEmbedder) -> None:
    text = "Shushi"
    assert not np.allclose(e5.embed_queries([text]), e5.embed_documents([text]))


def test_english_and_dutch_questions_rank_their_dutch_paragraph_first(
    e5: SentenceTransformerEmbedder,
) -> None:
    scores = e5.embed_queries(list(QUESTIONS)) @ e5.embed_documents(PARAGRAPHS).T
    assert [int(row.argmax()) for row in scores] == list(QUESTIONS.values())


def test_tokens_are_counted_with_the_models_own_tokenizer(e5: SentenceTransformerEmbedder) -> None:
    assert e5.count_tokens("Shushi veroverd") == 5  # ▁Shu shi ▁ver over d
