"""What the fake records of each REST call, what it answers, and how paths are matched."""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

PathPattern = str | re.Pattern[str]

API_PREFIX = "/api/v10"
RECORDED_HEADERS = ("Authorization", "Content-Type", "User-Agent", "X-Audit-Log-Reason")


@dataclass(frozen=True)
class RecordedFile:
    """A file part of a multipart request."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass(frozen=True)
class RecordedCall:
    """One REST call: what the client sent and what the fake answered."""

    index: int
    method: str
    path: str
    query: Mapping[str, str]
    headers: Mapping[str, str]
    json: Any
    files: tuple[RecordedFile, ...] = ()
    status: int = 0
    response: Any = None

    @property
    def ok(self) -> bool:
        """Whether the fake answered with a 2xx status."""
        return 200 <= self.status < 300

    def __str__(self) -> str:
        """``METHOD /path -> status``."""
        return f"{self.method} {self.path} -> {self.status}"


@dataclass(frozen=True)
class Reply:
    """What a route answers: a status, a JSON body (None for no body) and headers."""

    status: int = 200
    body: Any = None
    headers: Mapping[str, str] = field(default_factory=dict)


Handler = Callable[[RecordedCall, dict[str, str]], Awaitable[Reply]]


@dataclass
class Rule:
    """An injected answer (429 or error) for the next ``times`` calls matching a route."""

    method: str
    path: re.Pattern[str]
    times: int
    reply: Callable[[], Reply]


def path_matcher(path: PathPattern) -> re.Pattern[str]:
    """A regex for a path: a compiled regex as is; in a string, "*" and "{name}" match one segment."""
    if isinstance(path, re.Pattern):
        return path
    parts = re.split(r"(\*|\{[^}/]+\})", path)
    return re.compile("".join("[^/]+" if p == "*" or p.startswith("{") else re.escape(p) for p in parts))


def template_regex(template: str) -> re.Pattern[str]:
    """A regex with named groups for a route template like ``/channels/{channel_id}``."""
    parts = re.split(r"\{([^}/]+)\}", template)
    return re.compile("".join(f"(?P<{p}>[^/]+)" if i % 2 else re.escape(p) for i, p in enumerate(parts)))


async def parse_request(request: web.Request) -> RecordedCall:
    """Turn an aiohttp request into a RecordedCall (JSON body, or multipart with payload_json and files)."""
    headers = {name: request.headers[name] for name in RECORDED_HEADERS if name in request.headers}
    body, files = await _read_body(request)
    return RecordedCall(
        index=-1,
        method=request.method,
        path=request.path.removeprefix(API_PREFIX),
        query=dict(request.query),
        headers=headers,
        json=body,
        files=tuple(files),
    )


async def _read_body(request: web.Request) -> tuple[Any, list[RecordedFile]]:
    """The JSON body (or ``payload_json``) and the uploaded files."""
    if request.content_type == "multipart/form-data":
        return await _read_multipart(request)
    raw = await request.read()
    if not raw:
        return None, []
    try:
        return json.loads(raw), []
    except ValueError:
        return raw.decode("utf-8", "replace"), []


async def _read_multipart(request: web.Request) -> tuple[Any, list[RecordedFile]]:
    """Read a multipart body: the ``payload_json`` part and ``files[n]`` parts."""
    payload: Any = None
    files: list[RecordedFile] = []
    reader = await request.multipart()
    async for part in reader:
        data = await part.read(decode=False)  # type: ignore[union-attr]
        if part.name == "payload_json":
            payload = json.loads(data)
        else:
            content_type = part.headers.get("Content-Type")
            files.append(RecordedFile(part.name or "", part.filename, content_type, bytes(data)))
    return payload, files


def to_response(reply: Reply) -> web.Response:
    """An aiohttp response; JSON as bytes so Content-Type is exactly ``application/json``."""
    if reply.body is None:
        return web.Response(status=reply.status, headers=dict(reply.headers))
    body = json.dumps(reply.body).encode()
    return web.Response(
        status=reply.status, body=body, content_type="application/json", headers=dict(reply.headers)
    )


def discord_error(status: int, code: int, message: str) -> Reply:
    """A Discord error reply."""
    return Reply(status, {"message": message, "code": code})


def form_error(key: str, code: str, message: str) -> Reply:
    """A 400 Invalid Form Body reply about one field."""
    errors = {key: {"_errors": [{"code": code, "message": message}]}}
    return Reply(400, {"message": "Invalid Form Body", "code": 50035, "errors": errors})


def too_many_requests(retry_after: float, is_global: bool, bucket: str) -> Reply:
    """A 429 as Discord sends it: JSON retry_after plus Via and X-RateLimit-* headers."""
    headers = {
        "Via": "1.1 google",
        "Retry-After": str(max(1, math.ceil(retry_after))),
        "X-RateLimit-Limit": "5",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
        "X-RateLimit-Reset-After": f"{retry_after:.3f}",
        "X-RateLimit-Bucket": bucket,
        "X-RateLimit-Scope": "global" if is_global else "user",
    }
    if is_global:
        headers["X-RateLimit-Global"] = "true"
    body = {"message": "You are being rate limited.", "retry_after": retry_after, "global": is_global}
    return Reply(429, body, headers)


def as_int(value: str | int) -> int:
    """A snowflake from a path parameter or a JSON field (0 when it is not a number, which matches nothing)."""
    return value if isinstance(value, int) else int(value) if value.isdigit() else 0


def optional_as_int(value: str | None) -> int | None:
    """An optional path parameter as int."""
    return None if value is None else as_int(value)
