"""Fuzzed input: article files and questions of every odd kind get a clear error or a sane result, never a crash."""

from __future__ import annotations

import json
import os
import string
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import build_desk
from bot.desk import Desk
from bot.settings import Settings
from index.errors import NewsdeskError, ParseError
from index.news_index import NewsIndex
from index.parsing import ParseWarning, parse_file
from index.records import Article
from tests.fakes import HashEmbedder

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1", "cp1252", "utf-32"]
SUFFIXES = [".txt", ".md", ".json", ".jsonl", ".html", ".htm"]
FILES = 150
QUESTIONS = 300

words = st.text(alphabet=string.ascii_letters + "àéëïöüßçñ ", min_size=0, max_size=40)
dates = st.one_of(
    st.just("2020-13"),
    st.just("31-12-2020"),
    st.just("november 2020"),
    st.just("2020-02-30"),
    st.dates().map(str),
    st.text(max_size=12),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


def clean(text: str) -> bool:
    """No control characters or lone surrogates: safe to store, send and print."""
    return not any(unicodedata.category(c) in ("Cc", "Cs") for c in text) and bool(text.encode("utf-8"))


@st.composite
def article_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file name suffix and the bytes of something a newsroom folder might hold."""
    suffix = draw(st.sampled_from(SUFFIXES))
    kind = draw(st.sampled_from(["bytes", "text", "json", "deep", "front matter", "html"]))
    if kind == "bytes":
        return suffix, draw(st.binary(max_size=2000))
    if kind == "json":
        obj = draw(
            st.fixed_dictionaries(
                {},
                optional={"id": json_values, "title": json_values, "date": json_values, "text": json_values},
            )
        )
        return suffix, json.dumps(obj).encode()
    if kind == "deep":
        depth = draw(st.integers(min_value=500, max_value=50_000))
        return suffix, b"[" * depth + b"]" * depth
    body = draw(st.text(max_size=800))
    if kind == "front matter":
        text = f"---\ntitle: {draw(words)}\ndate: {draw(dates)}\n---\n{body}"
    elif kind == "html":
        text = (
            f"<html><head><title>{draw(words)}</title></head><body><nav>Menu</nav><p>{body}</p></body></html>"
        )
    else:
        text = f"date {draw(dates)} {body}"
    encoding = draw(st.sampled_from(ENCODINGS))
    return suffix, text.encode(encoding, errors="replace")


@settings(max_examples=FILES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article_files())
def test_any_file_is_parsed_or_refused_with_a_reason(tmp_path: Path, file: tuple[str, bytes]) -> None:
    suffix, content = file
    path = tmp_path / f"fuzzed{suffix}"
    path.write_bytes(content)
    for item in parse_file(path):
        assert isinstance(item, Article | ParseError | ParseWarning)
        if isinstance(item, Article):
            assert item.text.strip() and item.id.strip()
            assert item.text.encode("utf-8")  # storable: no lone surrogates
        elif isinstance(item, ParseError):
            assert str(item)


def test_a_folder_of_bad_files_costs_only_those_files(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    bad = {
        "binary.txt": bytes(range(256)) * 4,
        "empty.md": b"",
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "bad-front.md": b"---\ndate: 2020-13-01\n---\nTekst over de haven.",
        "menu.html": b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "broken.jsonl": b'{"text": "Eerste bericht over de haven."}\n{nope\n',
        os.fsdecode(b"caf\xe9-\xff.txt"): "Tekst over de haven van Rotterdam.".encode("latin-1"),
    }
    for name, content in bad.items():
        (folder / name).write_bytes(content)
    (folder / "good.txt").write_text(
        "date 2021-02-01\nDe haven van Rotterdam is weer open.", encoding="utf-8"
    )
    (folder / "utf16.txt").write_bytes("date 2021-02-02\nDe sluis is dicht.".encode("utf-16"))
    index = NewsIndex(tmp_path / "data", HashEmbedder())

    report = index.ingest([folder])

    assert report.added == 4  # good.txt, utf16.txt, the non-UTF-8 name, the good line of broken.jsonl
    failed = {Path(f.path).name for f in report.failures}
    assert failed == {"binary.txt", "empty.md", "deep.json", "bad-front.md", "menu.html", "broken.jsonl"}
    assert all(f.reason for f in report.failures)
    assert index.verify().ok
    index.close()


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Desk:
    folder = tmp_path_factory.mktemp("articles")
    (folder / "a.jsonl").write_text(
        json.dumps(
            {
                "id": "haven",
                "title": "Haven",
                "date": "2021-02-01",
                "language": "nl",
                "text": "Zaterdag meldde de burgemeester dat de haven van Rotterdam weer open is.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    index = NewsIndex(tmp_path_factory.mktemp("data"), HashEmbedder())
    index.ingest([folder])
    return build_desk(Settings(_env_file=None, data_dir=tmp_path_factory.mktemp("desk")), index)  # type: ignore[call-arg]


questions = st.one_of(
    st.text(max_size=300),  # every kind of character, lone surrogates and controls included
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Cs", "Zs"]), max_size=50),
    st.builds(lambda n: "Who " * n, st.integers(min_value=0, max_value=2500)),  # up to 10,000 characters
    st.sampled_from(
        ["@everyone who said it?", "**bold** `code` <@123> ||spoiler||", '"Shushi" OR NEAR(a b)']
    ),
)


@settings(max_examples=QUESTIONS, deadline=None)
@given(questions)
def test_any_question_gets_an_answer_or_a_clear_error(desk: Desk, question: str) -> None:
    try:
        answer = desk.ask(question)
    except NewsdeskError as exc:
        assert str(exc)
        return
    assert answer.text and clean(answer.question)
    answer.model_dump_json()
