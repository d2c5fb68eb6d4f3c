"""Parsing of every supported format, and the reasons bad files are refused."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from index.errors import ParseError
from index.parsing import ParseWarning, collect_files, parse_file
from index.records import Article


def parse_one(path: Path) -> Article:
    results = list(parse_file(path))
    assert len(results) == 1
    assert isinstance(results[0], Article), results[0]
    return results[0]


def parse_one_with_warnings(path: Path) -> Article:
    [article] = [r for r in parse_file(path) if isinstance(r, Article)]
    return article


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
        ("bad.json", b"{", "malformed JSON"),
        ("notes.docx", b"PK", "unsupported file type .docx"),
        ("utf16-no-bom.txt", "date 2020-11 Tekst.".encode("utf-16-le"), "binary file"),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        ("front-matter.md", b"---\ndate: 2020-13-01\n---\nTekst.", "unreadable value in the front matter"),
    ],
)
def test_bad_files_are_reported_with_a_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    problems = errors_of(path)
    assert len(problems) == 1 and reason in problems[0], problems


def warnings_of(path: Path) -> list[str]:
    return [w.reason for w in parse_file(path) if isinstance(w, ParseWarning)]


@pytest.mark.parametrize(
    ("content", "text", "date", "warning"),
    [
        ("date 2020-11 café au lait.".encode("latin-1"), "café au lait.", "2020-11", "read as cp1252"),
        ("\ufeffdate 2020-11 Één zin.".encode("utf-16"), "Één zin.", "2020-11", None),
        (b"date 2020-13 Tekst.", "Tekst.", None, "unreadable date '2020-13'; ingested without a date"),
        (b"date 31-12-2020\nTekst van het artikel.", "Tekst van het artikel.", "2020-12-31", None),
        (b"date november 2020 Tekst van het artikel.", "Tekst van het artikel.", "2020-11", None),
        (b"date: 7 november 2020\nsource: NOS\n\nTekst.", "Tekst.", "2020-11-07", None),
        (b"Date rape drugs were found, police said.", "Date rape drugs were found, police said.", None, None),
    ],
)
def test_encodings_and_date_lines(
    tmp_path: Path, content: bytes, text: str, date: str | None, warning: str | None
) -> None:
    path = tmp_path / "nl" / "article.txt"
    path.parent.mkdir()
    path.write_bytes(content)
    article = parse_one_with_warnings(path)
    assert (article.text, article.date) == (text, date)
    warnings = warnings_of(path)
    assert any(warning in w for w in warnings) if warning else not warnings, warnings
    assert article.title == text[:120].rstrip(".") or article.title == text  # the date line is no title


def test_the_source_is_named_in_the_file_or_is_its_folder_unless_that_is_a_language(tmp_path: Path) -> None:
    named = tmp_path / "nl" / "a.txt"
    named.parent.mkdir()
    named.write_text("date 2020-11\nsource: NOS\n\nTekst.", encoding="utf-8")
    plain = tmp_path / "nl" / "b.txt"
    plain.write_text("Tekst.", encoding="utf-8")
    outlet = tmp_path / "trouw" / "c.txt"
    outlet.parent.mkdir()
    outlet.write_text("Tekst.", encoding="utf-8")
    assert parse_one(named).source == "NOS"
    assert parse_one(plain).source == tmp_path.name
    assert parse_one(outlet).source == "trouw"


def test_blank_ids_are_derived_and_a_page_of_menus_is_no_article(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps({"id": "  ", "title": ["not", "text"], "text": "Tekst."}) + "\n", encoding="utf-8"
    )
    article = parse_one(path)
    assert article.id.startswith("a-") and article.title == "Tekst."
    menu = tmp_path / "menu.html"
    menu.write_text(
        "<html><head><title>Menu</title></head><body><nav><ul><li><a href='/'>Home</a></li>"
        "<li><a href='/news'>News</a></li></ul></nav><div>Menu</div><footer>© 2020 Example</footer></body></html>",
        encoding="utf-8",
    )
    assert errors_of(menu) == ["no article text found in the HTML (only short lines such as menus)"]


def test_a_file_name_that_is_not_utf8_is_read_and_shown(tmp_path: Path) -> None:
    name = tmp_path / os.fsdecode(b"caf\xe9.txt")
    name.write_text("Tekst.", encoding="utf-8")
    article = parse_one(name)
    assert article.path.endswith("caf\ufffd.txt")
    assert article.id.startswith("caf-")


def test_collect_files_walks_folders_and_skips_readmes(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "sub/b.md", "README.md", "sub/.hidden.txt", "image.png", "sub/c.jsonl"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in collect_files([tmp_path])] == ["a.txt", "b.md", "c.jsonl"]
