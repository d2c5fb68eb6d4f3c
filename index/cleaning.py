"""Text as it arrives (files, questions) made safe to store, embed and print: one place for every input."""

from __future__ import annotations

import re
import unicodedata

# Zero-width and invisible formatting characters that split words without showing (and the soft hyphen).
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# C0/C1 control characters other than tab and newline, and lone surrogates (invalid in UTF-8).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """NFC-normalised text without control or invisible characters; lone surrogates become U+FFFD."""
    text = _SURROGATE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", _INVISIBLE.sub("", text))
    return unicodedata.normalize("NFC", text)


def clean_line(text: str, limit: int) -> str:
    """One line of cleaned text (runs of white space become one space), at most `limit` characters."""
    return " ".join(clean_text(text).split())[:limit].strip()


def printable_path(path: object) -> str:
    """A file path as text that can be stored and printed (undecodable bytes in names become U+FFFD)."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
