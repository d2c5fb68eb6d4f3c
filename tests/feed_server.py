"""A real HTTP server on 127.0.0.1 serving feeds and article pages written for the tests."""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What one path answers: a body with a status and type, or a redirect, optionally slowly or with an ETag."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    redirect: str | None = None
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    declare_length: bool = True  # False: no Content-Length, the body ends when the connection closes


@dataclass
class Request:
    """A request the server saw."""

    path: str
    headers: dict[str, str]


def page(title: str, paragraphs: list[str], site: str = "Test Outlet", lang: str = "en") -> bytes:
    """An article page: a menu, the article (headline and paragraphs) and a footer."""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html lang='{lang}'><head><title>{escape(title)}</title>"
        f"<meta property='og:site_name' content='{escape(site)}'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{escape(title)}</h1>{body}</article>"
        "<footer>Copyright Test Outlet</footer></body></html>"
    ).encode()


def empty_page() -> bytes:
    """A page with a menu and no article text."""
    return b"<!doctype html><html><head><title>Index</title></head><body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav></body></html>"


def rss(title: str, items: list[tuple[str, str, datetime]], language: str = "en") -> bytes:
    """An RSS 2.0 feed of (title, link, published) items."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        f"<pubDate>{format_datetime(when)}</pubDate><author>desk@example.org (Desk)</author></item>"
        for t, link, when in items
    )
    return (
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{escape(title)}</title>"
        f"<link>http://example.org/</link><language>{language}</language>{entries}</channel></rss>"
    ).encode()


def atom(title: str, items: list[tuple[str, str, datetime]]) -> bytes:
    """An Atom feed of (title, link, updated) entries."""
    entries = "".join(
        f"<entry><title>{escape(t)}</title><link href='{escape(link)}'/><id>{escape(link)}</id>"
        f"<updated>{when.isoformat()}</updated><author><name>Reporter</name></author></entry>"
        for t, link, when in items
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>{escape(title)}</title><id>urn:test</id><updated>{datetime.now(UTC).isoformat()}</updated>"
        f"{entries}</feed>"
    ).encode()


class FeedServer:
    """Serves `routes` (path -> Route) on 127.0.0.1; every request is recorded, and the most handled at once."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.in_flight = 0
        self.most_in_flight = 0  # the most requests served at once
        self._count = threading.Lock()
        self._stopping = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(Request(self.path, dict(self.headers.items())))
                route = server.routes.get(self.path)
                # Counted until the answer starts: the client cannot send its next request before that.
                with server._count:
                    server.in_flight += 1
                    server.most_in_flight = max(server.most_in_flight, server.in_flight)
                if route is not None and route.delay:
                    server._stopping.wait(route.delay)
                with server._count:
                    server.in_flight -= 1
                if route is None:
                    self.send_error(404)
                    return
                if route.redirect is not None:
                    self.send_response(302)
                    self.send_header("Location", route.redirect)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if route.etag is not None and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if route.declare_length:
                    self.send_header("Content-Length", str(len(route.body)))
                if route.etag is not None:
                    self.send_header("ETag", route.etag)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(route.body)

            def log_message(self, format: str, *args: object) -> None:
                """Quiet."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def base(self) -> str:
        """http://127.0.0.1:PORT"""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        """The full URL of a path."""
        return self.base + path

    def hits(self, path: str) -> list[Request]:
        """The requests for one path."""
        return [r for r in self.requests if r.path == path]

    def stop(self) -> None:
        """Stop serving (slow routes stop waiting)."""
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
