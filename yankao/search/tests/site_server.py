"""A real HTTP server on 127.0.0.1 serving the test corpus site, with ETag/Last-Modified,
conditional GET (304), a page that fails twice before it works and one that always fails."""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from yankao.search.tests.corpus import SITE

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".pdf": "application/pdf",
    ".odt": "application/vnd.oasis.opendocument.text",
}
LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)


class TestSite:
    def __init__(self, root: Path = SITE) -> None:
        self.root = root
        self.requests: list[tuple[str, int]] = []
        self.hits: Counter[str] = Counter()
        self.flaky_failures = 2
        self.overrides: dict[str, bytes] = {}
        self.url = ""

    def count(self, path: str, status: int | None = None) -> int:
        return sum(1 for p, s in self.requests if p == path and (status is None or s == status))


def _handler(site: TestSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def reply(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
            site.requests.append((self.path_only, status))
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self.path_only = urlsplit(self.path).path
            path = self.path_only
            site.hits[path] += 1
            if path == "/broken.html":
                return self.reply(500, b"boom")
            if path == "/flaky.html":
                if site.hits[path] <= site.flaky_failures:
                    return self.reply(503, b"busy")
                body = '<html><head><meta charset="utf-8"><title>颱風停班停課公告</title></head><body><main>停班停課訊息以市府公告為準。</main></body></html>'.encode()
                return self.reply(200, body, {"Content-Type": TYPES[".html"]})
            relative = "index.html" if path in ("", "/") else path.lstrip("/")
            file = (site.root / relative).resolve()
            if relative in site.overrides:
                body = site.overrides[relative]
            elif site.root.resolve() in file.parents and file.is_file():
                body = file.read_bytes()
            else:
                return self.reply(404, b"not found")
            if relative == "sitemap.xml":
                body = body.replace(b"http://HOST", site.url.rstrip("/").encode())
            etag = '"' + hashlib.md5(body, usedforsecurity=False).hexdigest() + '"'
            if self.headers.get("If-None-Match") == etag:
                return self.reply(304, b"", {"ETag": etag})
            headers = {
                "Content-Type": TYPES.get(file.suffix, "application/octet-stream"),
                "ETag": etag,
                "Last-Modified": LAST_MODIFIED,
            }
            return self.reply(200, body, headers)

    return Handler


@contextmanager
def serve(root: Path = SITE) -> Iterator[TestSite]:
    site = TestSite(root)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    site.url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
