"""A local HTTP server standing in for a clinic's SMS gateway (the tests' real peer)."""

from __future__ import annotations

import http.server
import threading
from urllib.parse import parse_qs, urlsplit


class SmsGateway:
    """A local HTTP server standing in for the SMS provider; records what it is asked."""

    def __init__(self, status: int = 200) -> None:
        received: list[tuple[str, str, str | None]] = []
        self.received = received

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                query = parse_qs(urlsplit(self.path).query)
                received.append((query["to"][0], query["text"][0], self.headers["Authorization"]))
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/send?to={{to}}&text={{text}}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
