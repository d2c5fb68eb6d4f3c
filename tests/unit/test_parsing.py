"""Parsing of every supported format, and the reasons bad files are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.errors import ParseError
from index.parsing import collect_files, parse_file
from index.records import Article


def parse_one(path: Path) -> Article:
    results = list(parse_file(path))
    assert len(results) == 1
    assert isinstance(results[0], Article), results[0]
    return results[0]


def errors_of(path: Path) -> list[str]:
    return [str(r) for r in parse_file(path) if isinstance(r, ParseError)]


def test_plaintext_with_date_and_first_paragraph_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        " date 2020-11 De strijd is opgelaaid.\n\nDat meldden de autoriteiten zondag.\n", encoding="utf-8"
    )
    article = parse_one(path)
    assert article.date == "2020-11"
    assert article.text == "De strijd is opgelaaid.\n\nDat meldden de autoriteiten zondag."
    assert article.title == "De strijd is opgelaaid."
    assert article.language == "nl"
    assert article.source == "tmp_path".replace("tmp_path", tmp_path.name)


def test_plaintext_date_line_alone_and_headline_title(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text(
        "date 2021-01-15\nKabinet treedt af\n\nHet kabinet is vrijdag afgetreden.", encoding="utf-8"
    )
    article = parse_one(path)
    assert article.date == "2021-01-15"
    assert article.title == "Kabinet treedt af"
    assert article.text.startswith("Kabinet treedt af\n\nHet kabinet")


def test_plaintext_without_date(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_text("The ship was freed on Monday, the canal authority said.", encoding="utf-8")
    article = parse_one(path)
    assert article.date is None
    assert article.language == "en"


def test_blank_line_runs_collapse_to_one_paragraph_break(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text("date 2020-11 Eerste alinea.\r\n\r\n\r\n\r\nTweede alinea.   \n", encoding="utf-8")
    assert parse_one(path).text == "Eerste alinea.\n\nTweede alinea."


def test_markdown_front_matter_and_plain_text_body(tmp_path: Path) -> None:
    path = tmp_path / "e.md"
    path.write_text(
        "---\ntitle: Kabinet valt\ndate: 2021-01-15\nsource: Demo Nieuws\nlanguage: nl\n---\n"
        "# Ignored heading\n\nPremier **Mark Rutte** zei dat het kabinet [aftreedt](https://x.nl).\n\n- punt een\n",
        encoding="utf-8",
    )
    article = parse_one(path)
    assert (article.title, article.date, article.source, article.language) == (
        "Kabinet valt",
        "2021-01-15",
        "Demo Nieuws",
        "nl",
    )
    assert article.text == "Premier Mark Rutte zei dat het kabinet aftreedt.\n\npunt een"


def test_markdown_title_from_first_heading(tmp_path: Path) -> None:
    path = tmp_path / "f.md"
    path.write_text("# Schip vrijgekomen\n\nHet schip is vrij, zei de kanaalautoriteit.", encoding="utf-8")
    article = parse_one(path)
    assert article.title == "Schip vrijgekomen"
    assert article.text == "Het schip is vrij, zei de kanaalautoriteit."


def test_html_main_text_without_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "g.html"
    path.write_text(
        "<html><head><title>Kabinet valt</title><meta name='date' content='2021-01-15'></head><body>"
        "<nav>Home | Sport | Weer</nav><article><h1>Kabinet valt</h1>"
        "<p>Het kabinet-Rutte III is vrijdag afgetreden, zei premier Mark Rutte in Den Haag.</p>"
        "<p>De oppositie reageerde verbaasd op het aftreden van het kabinet.</p></article>"
        "<footer>Copyright 2021 Demo</footer></body></html>",
        encoding="utf-8",
    )
    article = parse_one(path)
    assert article.title == "Kabinet valt"
    assert article.date == "2021-01-15"
    assert "afgetreden" in article.text and "Copyright" not in article.text and "Sport" not in article.text


def test_jsonl_fields_and_a_malformed_line_reported_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "h.jsonl"
    good = {
        "id": "x1",
        "title": "T",
        "date": "2019-01-04",
        "url": "u",
        "source": "S",
        "language": "en",
        "text": "Hi.",
    }
    path.write_text(
        json.dumps(good) + "\n{not json\n" + json.dumps({"title": "no text"}) + "\n", encoding="utf-8"
    )
    results = list(parse_file(path))
    articles = [r for r in results if isinstance(r, Article)]
    assert [a.id for a in articles] == ["x1"]
    assert articles[0].model_dump(exclude={"path"}) == good | {"text": "Hi."}
    problems = [str(r) for r in results if isinstance(r, ParseError)]
    assert problems[0].startswith("line 2: malformed JSON")
    assert problems[1] == "line 3: no 'text' field"


def test_json_list_and_ids_derived_from_url_or_path(tmp_path: Path) -> None:
    path = tmp_path / "i.json"
    path.write_text(json.dumps([{"text": "One.", "url": "https://a/1"}, {"text": "Two."}]), encoding="utf-8")
    first, second = list(parse_file(path))
    assert first.id.startswith("url-")
    assert second.id.startswith("i-")
    assert [a.id for a in parse_file(path)] == [first.id, second.id]  # stable


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"  \n", "empty file"),
        ("binary.txt", b"\x00\x01\x02PNG", "binary file"),
        ("latin1.txt", "date 2020-11 café".encode("latin-1"), "not UTF-8 text"),
        ("bad.json", b"{", "malformed JSON"),
        ("notes.docx", b"PK", "unsupported file type .docx"),
        ("bad-date.txt", b"date 2020-13 Tekst.", "unreadable date"),
    ],
)
def test_bad_files_are_reported_with_a_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    problems = errors_of(path)
    assert len(problems) == 1 and reason in problems[0], problems


def test_collect_files_walks_folders_and_skips_readmes(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "sub/b.md", "README.md", "sub/.hidden.txt", "image.png", "sub/c.jsonl"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in collect_files([tmp_path])] == ["a.txt", "b.md", "c.jsonl"]
