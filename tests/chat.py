"""Chat-completions endpoints for tests: an in-process httpx.MockTransport stub and a real local HTTP server."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx


def completion(model: str, content: str) -> dict[str, Any]:
    """An OpenAI-style chat-completion response holding one reply."""
    return {
        "id": "x",
        "object": "chat.completion",
        "model": model,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
        ],
    }


class ChatStub:
    """A programmable chat-completions endpoint inside httpx (no socket): reply, status, or a timeout."""

    def __init__(self) -> None:
        self.reply = ""
        self.status = 200
        self.times_out = False
        self.requests: list[dict[str, Any]] = []
        self.transport = httpx.MockTransport(self._handle)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.requests.append(
            {"path": request.url.path, "body": body, "auth": request.headers.get("Authorization")}
        )
        if self.times_out:
            raise httpx.ReadTimeout("timed out", request=request)
        return httpx.Response(self.status, json=completion(body["model"], self.reply))


class ChatServer:
    """A real OpenAI-compatible /v1/chat/completions server on 127.0.0.1 with a programmable reply."""

    def __init__(self) -> None:
        self.reply: str = ""
        self.status = 200
        self.delay = 0.0
        self.requests: list[dict[str, Any]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append(
                    {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
                )
                time.sleep(server.delay)
                payload = json.dumps(completion(body["model"], server.reply)).encode()
                self.send_response(server.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError):  # the client gave up (the timeout test)
                    self.wfile.write(payload)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def reset(self) -> ChatServer:
        """No reply set and no requests recorded."""
        self.reply, self.status, self.delay = "", 200, 0.0
        self.requests.clear()
        return self

    def stop(self) -> None:
        """Shut the server down."""
        self.httpd.shutdown()
        self.httpd.server_close()
