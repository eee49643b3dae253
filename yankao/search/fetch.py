"""HTTP for the crawler: one polite GET with conditional headers, retried on transient failure."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings

USER_AGENT = "yankao-search/1.0 (+Kaohsiung RDEC cross-agency search)"
MAX_BYTES = 20 * 1024 * 1024


@dataclass
class Fetched:
    url: str
    status: int  # 0 when the request never got an answer
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    error: str = ""
    attempts: int = 1

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


class _NoRedirectToOtherScheme(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if not newurl.startswith(("http://", "https://")):
            return None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_NoRedirectToOtherScheme)


def fetch_once(url: str, *, etag: str = "", last_modified: str = "", timeout: float = 15.0) -> Fetched:
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/pdf,application/vnd.oasis.opendocument.text,*/*;q=0.5",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (http/https only, checked by the caller)
    try:
        with _opener.open(request, timeout=timeout) as response:
            body = response.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                return Fetched(url=url, status=response.status, error="檔案超過 20 MB，未索引")
            return Fetched(
                url=response.url,
                status=response.status,
                body=body,
                headers={k.lower(): v for k, v in response.headers.items()},
            )
    except urllib.error.HTTPError as exc:
        return Fetched(
            url=url,
            status=exc.code,
            headers={k.lower(): v for k, v in (exc.headers or {}).items()},
            error=f"HTTP {exc.code}",
        )
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        return Fetched(url=url, status=0, error=f"連線失敗：{getattr(exc, 'reason', exc)}")


def fetch(url: str, *, etag: str = "", last_modified: str = "") -> Fetched:
    """GET with retries: a connection failure, 429 or 5xx is tried again with a growing pause."""
    retries = int(getattr(settings, "SEARCH_FETCH_RETRIES", 3))
    backoff = float(getattr(settings, "SEARCH_FETCH_BACKOFF", 2.0))
    result = Fetched(url=url, status=0)
    for attempt in range(1, retries + 1):
        result = fetch_once(url, etag=etag, last_modified=last_modified)
        result.attempts = attempt
        if result.status and result.status < 500 and result.status != 429:
            return result
        if attempt < retries:
            time.sleep(backoff * attempt)
    return result
