"""The command line as a user runs it: commands that need no model, errors as one line, no Discord loaded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from bot.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_cli_loads_neither_discord_nor_the_model() -> None:
    code = "import sys, bot.cli; print(sorted(m for m in ('discord', 'aiohttp', 'torch', 'sentence_transformers', 'transformers', 'onnxruntime') if m in sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"


def test_stats_of_an_empty_index(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["stats", "--json"], env={"NEWSDESK_DATA_DIR": str(tmp_path / "data")})
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert (figures["articles"], figures["chunks"], figures["model"]) == (0, 0, None)


def test_a_bad_date_option_is_one_line_and_exit_status_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["search", "Shushi", "--since", "november"], env={"NEWSDESK_DATA_DIR": str(tmp_path / "data")}
    )
    assert result.exit_code == 2
    assert result.output.strip() == "error: write dates as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2020-11"


def test_an_unknown_source_reference_is_reported(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["source", "#42"], env={"NEWSDESK_DATA_DIR": str(tmp_path / "data")})
    assert result.exit_code == 2 and "no passage with id 42" in result.output
