"""Evaluation on SQuAD-format sets with the fake embedder: splits, retrieval figures and answer sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.app import build_desk
from bot.settings import Settings
from index.evaluation import TUNING_ARTICLES, evaluation_index, load_paragraphs, load_questions
from tests.fakes import HashEmbedder

PARAGRAPHS = [
    (
        "Shushi",
        "Aliyev meldde dat Shushi was veroverd. De strijd om Stepanakert gaat door.",
        "Wie meldde dat Shushi was veroverd?",
        "Aliyev",
    ),
    (
        "Suez",
        "Het schip Ever Given blokkeerde het Suezkanaal zes dagen. Sleepboten trokken het vlot.",
        "Hoeveel dagen blokkeerde de Ever Given het kanaal?",
        "zes dagen",
    ),
]


def squad(path: Path, articles: int) -> Path:
    """A SQuAD-format file of `articles` articles, each holding the paragraphs above."""
    data = [
        {
            "title": f"article {a}",
            "paragraphs": [
                {
                    "context": context,
                    "qas": [
                        {
                            "id": f"{a}-{n}",
                            "question": question,
                            "answers": [{"text": answer, "answer_start": context.find(answer)}],
                        }
                    ],
                }
                for n, (_, context, question, answer) in enumerate(PARAGRAPHS)
            ],
        }
        for a in range(articles)
    ]
    path.write_text(json.dumps({"data": data}), encoding="utf-8")
    return path


@pytest.mark.parametrize(("split", "expected"), [("all", 28), ("tune", 24), ("held-out", 4)])
def test_the_split_cuts_articles_into_tuning_and_held_out(tmp_path: Path, split: str, expected: int) -> None:
    path = squad(tmp_path / "set.json", TUNING_ARTICLES + 2)
    _, owner = load_paragraphs(path)
    asked = load_questions(path, owner, split)  # type: ignore[arg-type]
    assert len(asked) == expected
    assert all(q.answer in {"Aliyev", "zes dagen"} for q in asked)


def test_retrieval_and_answer_sentences_are_scored(tmp_path: Path) -> None:
    path = squad(tmp_path / "set.json", 1)
    records, owner = load_paragraphs(path)
    asked = load_questions(path, owner)
    with evaluation_index(HashEmbedder(), path, folder=tmp_path / "eval") as (index, _):
        desk = build_desk(Settings(_env_file=None, data_dir=tmp_path / "desk"), index)  # type: ignore[call-arg]
        retrieval = desk.evaluate_retrieval(asked, len(records), ["dense", "keyword", "hybrid"])
        sentences = desk.evaluate_answer_sentences(asked, {r["id"]: r["text"] for r in records})
        desk.feedback_store.close()
    assert [m.mode for m in retrieval.modes] == ["dense", "keyword", "hybrid"]
    assert all(m.recall_at_5 == 1.0 for m in retrieval.modes)
    assert sentences.questions == 2 and sentences.answerable_by_quote == 2
    assert 0.0 <= sentences.accuracy <= 1.0
    holds = [r for r in sentences.results if r.sentence_holds_gold]
    assert all(r.answer.lower() in r.quote.lower() for r in holds)
