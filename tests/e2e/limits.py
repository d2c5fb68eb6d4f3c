"""Discord's limits on what a bot sends, checked the way Discord does: a 400 with a JSON error body.

Each ``check_*`` function returns ``None`` when the payload is acceptable, else the error body Discord
would answer (``{"code": 50035, "message": "Invalid Form Body", "errors": {...}}`` and friends).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

JSON = dict[str, Any]
Problem = tuple[tuple[str, ...], str, str]  # (path in the form, error code, message)

CONTENT_MAX = 2000
EMBEDS_MAX = 10
EMBED_TOTAL_MAX = 6000
EMBED_FIELDS_MAX = 25
EMBED_TEXT_LIMITS = {"title": 256, "description": 4096}
FIELD_TEXT_LIMITS = {"name": 256, "value": 1024}
ACTION_ROWS_MAX = 5
ROW_COMPONENTS_MAX = 5
CUSTOM_ID_MAX = 100
BUTTON_LABEL_MAX = 80
CHOICES_MAX = 25
CHOICE_TEXT_MAX = 100
MODAL_TITLE_MAX = 45
MENTION_PARSE_VALUES = {"users", "roles", "everyone"}


def invalid_form_body(problems: Iterable[Problem]) -> JSON | None:
    """The 50035 error body for the problems found, or None if there are none."""
    errors: JSON = {}
    for path, code, message in problems:
        node = errors
        for key in path:
            node = node.setdefault(key, {})
        node.setdefault("_errors", []).append({"code": code, "message": message})
    return {"code": 50035, "message": "Invalid Form Body", "errors": errors} if errors else None


def check_message(payload: Mapping[str, Any], *, file_count: int, creating: bool) -> JSON | None:
    """Check a message create or edit payload against Discord's limits."""
    if creating and _is_empty(payload, file_count):
        return {"code": 50006, "message": "Cannot send an empty message"}
    return invalid_form_body(_message_problems(payload))


def check_choices(choices: Sequence[Mapping[str, Any]]) -> JSON | None:
    """Check an autocomplete result (at most 25 choices, names and string values of 1 to 100 characters)."""
    return invalid_form_body(_choice_problems(choices))


def check_modal(modal: Mapping[str, Any]) -> JSON | None:
    """Check a modal: a title of at most 45 characters, a custom_id, one to five components."""
    return invalid_form_body(_modal_problems(modal))


def embed_size(embed: Mapping[str, Any]) -> int:
    """Characters counted against the 6000 total: title, description, fields, footer, author."""
    size = len(embed.get("title") or "") + len(embed.get("description") or "")
    size += sum(len(f.get("name") or "") + len(f.get("value") or "") for f in embed.get("fields") or [])
    size += len((embed.get("footer") or {}).get("text") or "")
    return size + len((embed.get("author") or {}).get("name") or "")


def _is_empty(payload: Mapping[str, Any], file_count: int) -> bool:
    """Whether a new message would have nothing to show."""
    keys = ("content", "embeds", "components", "sticker_ids", "poll", "attachments")
    return file_count == 0 and not any(payload.get(k) for k in keys)


def _message_problems(payload: Mapping[str, Any]) -> Iterator[Problem]:
    """Every limit the message payload breaks."""
    content = payload.get("content")
    if isinstance(content, str) and len(content) > CONTENT_MAX:
        yield ("content",), "BASE_TYPE_MAX_LENGTH", f"Must be {CONTENT_MAX} or fewer in length."
    yield from _embeds_problems(payload.get("embeds") or [])
    yield from _components_problems(payload.get("components") or [])
    yield from _allowed_mentions_problems(payload.get("allowed_mentions"))


def _embeds_problems(embeds: Sequence[Mapping[str, Any]]) -> Iterator[Problem]:
    """Limits on the embeds of one message."""
    if len(embeds) > EMBEDS_MAX:
        yield ("embeds",), "BASE_TYPE_MAX_LENGTH", f"Must be {EMBEDS_MAX} or fewer in length."
    for index, embed in enumerate(embeds):
        yield from _embed_problems(("embeds", str(index)), embed)
    if sum(embed_size(e) for e in embeds) > EMBED_TOTAL_MAX:
        yield ("embeds",), "MAX_EMBED_SIZE_EXCEEDED", f"Embed size exceeds maximum size of {EMBED_TOTAL_MAX}"


def _embed_problems(path: tuple[str, ...], embed: Mapping[str, Any]) -> Iterator[Problem]:
    """Limits on one embed's texts and fields."""
    for key, limit in EMBED_TEXT_LIMITS.items():
        yield from _too_long((*path, key), embed.get(key), limit)
    yield from _too_long((*path, "footer", "text"), (embed.get("footer") or {}).get("text"), 2048)
    yield from _too_long((*path, "author", "name"), (embed.get("author") or {}).get("name"), 256)
    fields = embed.get("fields") or []
    if len(fields) > EMBED_FIELDS_MAX:
        yield (*path, "fields"), "BASE_TYPE_MAX_LENGTH", f"Must be {EMBED_FIELDS_MAX} or fewer in length."
    for index, embed_field in enumerate(fields):
        yield from _field_problems((*path, "fields", str(index)), embed_field)


def _field_problems(path: tuple[str, ...], embed_field: Mapping[str, Any]) -> Iterator[Problem]:
    """An embed field needs a name and a value within their limits."""
    for key, limit in FIELD_TEXT_LIMITS.items():
        value = embed_field.get(key)
        if not value:
            yield (*path, key), "BASE_TYPE_REQUIRED", "This field is required"
        yield from _too_long((*path, key), value, limit)


def _components_problems(rows: Sequence[Mapping[str, Any]]) -> Iterator[Problem]:
    """Limits on classic action rows: five rows of five, unique custom_ids."""
    if len(rows) > ACTION_ROWS_MAX:
        yield ("components",), "BASE_TYPE_MAX_LENGTH", f"Must be {ACTION_ROWS_MAX} or fewer in length."
    seen: set[str] = set()
    for row_index, row in enumerate(rows):
        children = row.get("components") or []
        path = ("components", str(row_index), "components")
        if row.get("type") == 1 and len(children) > ROW_COMPONENTS_MAX:
            yield path, "BASE_TYPE_MAX_LENGTH", f"Must be {ROW_COMPONENTS_MAX} or fewer in length."
        for index, child in enumerate(children):
            yield from _component_problems((*path, str(index)), child, seen)


def _component_problems(
    path: tuple[str, ...], component: Mapping[str, Any], seen: set[str]
) -> Iterator[Problem]:
    """Limits on one component inside a row."""
    custom_id = component.get("custom_id")
    yield from _too_long((*path, "custom_id"), custom_id, CUSTOM_ID_MAX)
    yield from _too_long((*path, "label"), component.get("label"), BUTTON_LABEL_MAX)
    if custom_id is not None and custom_id in seen:
        yield (
            (*path, "custom_id"),
            "COMPONENT_CUSTOM_ID_DUPLICATED",
            "Component custom id cannot be duplicated",
        )
    if custom_id is not None:
        seen.add(custom_id)


def _allowed_mentions_problems(allowed: Mapping[str, Any] | None) -> Iterator[Problem]:
    """allowed_mentions.parse takes only known values, and not together with explicit lists."""
    if not allowed:
        return
    parse = allowed.get("parse") or []
    for index, value in enumerate(parse):
        if value not in MENTION_PARSE_VALUES:
            yield (
                ("allowed_mentions", "parse", str(index)),
                "ENUM_TYPE_COERCE",
                f"Value {value!r} is not valid.",
            )
    for kind in ("users", "roles"):
        if kind in parse and allowed.get(kind):
            message = f'parse:["{kind}"] and {kind}: [ids...] are mutually exclusive.'
            yield ("allowed_mentions",), "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE", message


def _choice_problems(choices: Sequence[Mapping[str, Any]]) -> Iterator[Problem]:
    """Limits on autocomplete choices."""
    if len(choices) > CHOICES_MAX:
        yield ("data", "choices"), "BASE_TYPE_MAX_LENGTH", f"Must be {CHOICES_MAX} or fewer in length."
    for index, choice in enumerate(choices):
        path = ("data", "choices", str(index))
        name = choice.get("name") or ""
        if not name:
            yield (*path, "name"), "BASE_TYPE_REQUIRED", "This field is required"
        yield from _too_long((*path, "name"), name, CHOICE_TEXT_MAX)
        value = choice.get("value")
        yield from _too_long((*path, "value"), value if isinstance(value, str) else None, CHOICE_TEXT_MAX)


def _modal_problems(modal: Mapping[str, Any]) -> Iterator[Problem]:
    """Limits on a modal."""
    title = modal.get("title") or ""
    if not title:
        yield ("data", "title"), "BASE_TYPE_REQUIRED", "This field is required"
    yield from _too_long(("data", "title"), title, MODAL_TITLE_MAX)
    if not modal.get("custom_id"):
        yield ("data", "custom_id"), "BASE_TYPE_REQUIRED", "This field is required"
    count = len(modal.get("components") or [])
    if not 1 <= count <= ACTION_ROWS_MAX:
        yield ("data", "components"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length."


def _too_long(path: tuple[str, ...], value: Any, limit: int) -> Iterator[Problem]:
    """A max-length problem when value is a string longer than limit."""
    if isinstance(value, str) and len(value) > limit:
        yield path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length."
