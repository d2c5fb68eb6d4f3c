"""HTTP fetching with httpx: timeout, size limit, conditional requests, robots.txt and per-host limits."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING
from urllib.robotparser import RobotFileParser

from pydantic import BaseModel, Field

from index.errors import NewsdeskError
from index.feeds.canonical import host_of

if TYPE_CHECKING:
    import httpx

USER_AGENT = "newsdesk/0.1 (a self-hosted news question-answering bot)"
ROBOTS_AGENT = "newsdesk"


class FetchError(NewsdeskError):
    """A URL could not be fetched (timeout, HTTP error, too large, refused by robots.txt, ...)."""


class FetchPolicy(BaseModel):
    """How politely and how far newsdesk fetches."""

    timeout_seconds: float = Field(default=15.0, gt=0)
    max_bytes: int = Field(default=5_000_000, ge=1024)
    max_redirects: int = Field(default=5, ge=0, le=20)
    per_host: int = Field(default=2, ge=1, le=16)  # requests to one host at once
    host_delay_seconds: float = Field(default=1.0, ge=0)  # between the starts of two requests to one host
    user_agent: str = USER_AGENT


class Fetched(BaseModel):
    """A response: its final URL, status (200, or 304 when unchanged), body and validators."""

    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """True for a 304: what was fetched before still holds."""
        return self.status == 304


class _Host:
    """One host's concurrency slots, when its last request started, and its robots.txt rules."""

    def __init__(self, slots: int) -> None:
        self.slots = threading.Semaphore(slots)
        self.lock = threading.Lock()
        self.last_start = 0.0
        self.robots: RobotFileParser | None = None


class Fetcher:
    """Fetches URLs from any thread; requests to one host are limited in number and spaced out."""

    def __init__(
        self, policy: FetchPolicy | None = None, transport: httpx.BaseTransport | None = None
    ) -> None:
        import httpx

        self.policy = policy or FetchPolicy()
        self._client = httpx.Client(
            timeout=self.policy.timeout_seconds,
            follow_redirects=True,
            max_redirects=self.policy.max_redirects,
            headers={"User-Agent": self.policy.user_agent},
            transport=transport,
        )
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET a URL (conditionally, when validators are given); FetchError on any failure."""
        host = self._host(url)
        if not self._allowed(host, url):
            raise FetchError("robots.txt does not allow newsdesk to fetch this")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        with self._slot(host):
            return self._request(url, headers)

    def _request(self, url: str, headers: dict[str, str]) -> Fetched:
        """One request (following redirects), read up to the size limit."""
        import httpx

        limit = self.policy.max_bytes
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return Fetched(url=str(response.url), status=304)
                if response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise FetchError(f"larger than the size limit ({int(declared)} > {limit} bytes)")
                body = bytearray()
                for piece in response.iter_bytes():
                    body += piece
                    if len(body) > limit:
                        raise FetchError(f"larger than the size limit ({limit} bytes)")
                return Fetched(
                    url=str(response.url),
                    status=response.status_code,
                    body=bytes(body),
                    content_type=response.headers.get("Content-Type", ""),
                    etag=response.headers.get("ETag"),
                    last_modified=response.headers.get("Last-Modified"),
                )
        except httpx.TooManyRedirects:
            raise FetchError(f"more than {self.policy.max_redirects} redirects") from None
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {self.policy.timeout_seconds:g} s") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}") from None

    def _host(self, url: str) -> _Host:
        """The per-host state of a URL's host."""
        name = host_of(url)
        with self._hosts_lock:
            if name not in self._hosts:
                self._hosts[name] = _Host(self.policy.per_host)
            return self._hosts[name]

    @contextmanager
    def _slot(self, host: _Host) -> Iterator[None]:
        """Hold one of the host's slots, started at least host_delay_seconds after its previous request."""
        with host.slots:
            with host.lock:
                wait = host.last_start + self.policy.host_delay_seconds - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                host.last_start = time.monotonic()
            yield

    def _allowed(self, host: _Host, url: str) -> bool:
        """Whether the host's robots.txt (fetched once per Fetcher) lets newsdesk fetch the URL."""
        with host.lock:
            if host.robots is None:
                host.robots = self._robots(url)
            return host.robots.can_fetch(ROBOTS_AGENT, url)

    def _robots(self, url: str) -> RobotFileParser:
        """The rules of a URL's host: a missing robots.txt (4xx) allows all, an unreachable one (5xx) none."""
        import httpx

        parser = RobotFileParser()
        scheme, _, rest = url.partition("://")
        robots_url = f"{scheme}://{rest.split('/', 1)[0]}/robots.txt"
        try:
            response = self._client.get(robots_url)
        except httpx.HTTPError:
            parser.parse([])  # unreachable robots.txt: the page fetch will fail on its own
            return parser
        if response.status_code >= 500:
            parser.parse(["User-agent: *", "Disallow: /"])
        elif response.status_code >= 400:
            parser.parse([])
        else:
            parser.parse(response.text[: self.policy.max_bytes].splitlines())
        return parser
