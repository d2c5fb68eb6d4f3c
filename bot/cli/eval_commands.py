"""`newsdesk eval`: retrieval quality on XQuAD and answer quality on a question set."""

from __future__ import annotations

import json
from pathlib import Path

import click

from bot import render
from bot.answer.compose import AnswerPolicy
from bot.app import build_desk, temporary_desk, xquad_desk
from bot.cli.edge import edge
from bot.settings import Settings
from index.evaluation import EVAL_MODES, EvalMode, Split, load_paragraphs, load_questions


@click.group("eval")
def evaluate() -> None:
    """Measure retrieval and answer quality."""


@evaluate.command("xquad")
@click.option(
    "--questions", type=click.Path(exists=True, path_type=Path), required=True, help="SQuAD-format file."
)
@click.option(
    "--passages", type=click.Path(exists=True, path_type=Path), required=True, help="SQuAD-format file."
)
@click.option(
    "--distractors", type=click.Path(exists=True, path_type=Path), multiple=True, help="More articles."
)
@click.option("--mode", "modes", type=click.Choice(list(EVAL_MODES)), multiple=True, help="Default: all.")
@click.option(
    "--split",
    type=click.Choice(["all", "tune", "held-out"]),
    default="all",
    show_default=True,
    help="XQuAD articles 1-12 (tune), 13-24 (held-out), or all.",
)
@click.option(
    "--answers", is_flag=True, help="Also check each answer's first quoted sentence for the gold answer."
)
@click.option("--index", "index_dir", type=click.Path(path_type=Path), help="Keep the evaluation index here.")
@click.option("--limit", type=click.IntRange(1), help="Only the first N questions.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@edge
def eval_xquad(
    questions: Path,
    passages: Path,
    distractors: tuple[Path, ...],
    modes: tuple[EvalMode, ...],
    split: Split,
    answers: bool,
    index_dir: Path | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """Recall@1, Recall@5 and MRR@10 of finding each question's paragraph, and with --answers the share of
    answers whose first quoted sentence holds the gold answer."""
    records, owner = load_paragraphs(passages)
    asked = load_questions(questions, owner, split)[:limit]
    with xquad_desk(Settings(), passages, distractors, index_dir) as (desk, seconds):
        retrieval = desk.evaluate_retrieval(asked, len(records), modes or EVAL_MODES, seconds, split)
        sentences = (
            desk.evaluate_answer_sentences(asked, {r["id"]: r["text"] for r in records}) if answers else None
        )
    if as_json:
        click.echo(
            json.dumps({"retrieval": retrieval.model_dump(), "answers": sentences and sentences.model_dump()})
        )
        return
    click.echo(render.retrieval_evaluation(retrieval))
    if sentences is not None:
        click.echo(render.answer_sentence_evaluation(sentences))


@evaluate.command("answers")
@click.argument("question_set", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--corpus",
    type=click.Path(exists=True, path_type=Path),
    multiple=True,
    help="Answer from a temporary index of these files or folders instead of the configured index.",
)
@click.option(
    "--sweep", is_flag=True, help="Never abstain, and print what each abstention threshold would do."
)
@click.option(
    "--split",
    type=click.Choice(["all", "tune", "held-out"]),
    default="all",
    show_default=True,
    help="Two of every three questions (tune), every third (held-out), or all.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the evaluation as JSON.")
@edge
def eval_answers(
    question_set: Path, corpus: tuple[Path, ...], sweep: bool, split: Split, as_json: bool
) -> None:
    """Share of answers holding the expected fact and citing the right article, and abstention figures."""
    from bot.evaluation.answer_sets import load_cases, threshold_sweep

    settings = Settings()
    cases = load_cases(question_set, split)
    policy = AnswerPolicy(min_answerability=0.0) if sweep else None
    with temporary_desk(settings, policy) if corpus else build_desk(settings, policy=policy) as desk:
        if corpus:
            click.echo(render.ingest_summary(desk.ingest(list(corpus))), err=True)
        result = desk.evaluate_answers(cases)
    if as_json:
        click.echo(result.model_dump_json(indent=2))
        return
    click.echo(render.answer_evaluation(result))
    if sweep:
        thresholds = [round(0.05 * i, 2) for i in range(1, 17)]
        click.echo(render.threshold_sweep(threshold_sweep(result.results, thresholds)))


@evaluate.command("claims")
@click.argument("annotations", type=click.Path(exists=True, path_type=Path))
@click.option("--misses", is_flag=True, help="List the annotated claims not found with the right speaker.")
@click.option("--json", "as_json", is_flag=True, help="Print the evaluation as JSON.")
@edge
def eval_claims(annotations: Path, misses: bool, as_json: bool) -> None:
    """Precision and recall of claim extraction (found, speaker, stance) against hand annotations."""
    from index.claims.evaluation import evaluate_claims, load_annotations

    result = evaluate_claims(load_annotations(annotations))
    if as_json:
        click.echo(result.model_dump_json(indent=2))
        return
    click.echo(render.claim_evaluation(result))
    if misses:
        click.echo("\n".join(result.misses))
